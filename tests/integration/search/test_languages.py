"""German and English on the real node: pages follow Accept-Language, the switch (``?lang=``)
and its cookie; the API's error messages follow Accept-Language; German is the default."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

EN = {"Accept-Language": "en-US,en;q=0.9"}


def page(client: FlaskClient, url: str, status: int = 200, **kwargs: object) -> str:
    response = client.get(url, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, url
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    return response.get_data(as_text=True)


def test_the_search_page_in_english_for_an_english_browser(client: FlaskClient) -> None:
    html = page(client, "/?q=Integrationsplan", headers=EN)
    assert '<html lang="en">' in html
    assert re.search(r"\d+ quotes for “Integrationsplan”</h2>", html)
    assert '<label for="q">Search terms</label>' in html and ">Search</button>" in html
    assert "Skip to content" in html and "Filters" in html and "Newest first" in html
    assert re.search(r'class="kind">(verbatim|reported|statement)<', html)
    assert "undated" in html
    for german in ("Zitate für", "Suchbegriffe", "wörtlich", "undatiert", "Zum Inhalt"):
        assert german not in html, german


def test_the_search_page_is_german_by_default(client: FlaskClient) -> None:
    html = page(client, "/?q=Integrationsplan")
    assert '<html lang="de">' in html
    assert re.search(r"\d+ Zitate für „Integrationsplan“</h2>", html)
    assert '<label for="q">Suchbegriffe</label>' in html and "undatiert" in html
    assert "quotes for" not in html and "Search terms" not in html


def test_the_switch_keeps_the_address_and_marks_the_current_language(client: FlaskClient
                                                                    ) -> None:
    html = page(client, "/?q=Integrationsplan&speaker=Kai+Klose")
    links = dict(re.findall(r'<a href="([^"]*)" lang="(de|en)" hreflang="\2"', html))
    assert set(links.values()) == {"de", "en"}
    english = next(url for url, code in links.items() if code == "en")
    assert english == "/?q=Integrationsplan&amp;speaker=Kai+Klose&amp;lang=en"
    assert re.search(r'lang="de" hreflang="de" aria-current="true">Deutsch</a>', html)
    assert re.search(r'lang="en" hreflang="en">English</a>', html)


def test_lang_switches_and_the_cookie_keeps_the_choice(client: FlaskClient) -> None:
    response = client.get("/?lang=en&q=Integrationsplan")
    assert response.status_code == 200
    assert "SameSite=Lax" in response.headers["Set-Cookie"]
    assert '<html lang="en">' in response.get_data(as_text=True)
    kept = page(client, "/?q=Integrationsplan")  # no lang, no Accept-Language: the cookie
    assert '<html lang="en">' in kept and "quotes for" in kept
    assert "Quotes over time" in page(client, "/sprecher/kai-klose")
    back = page(client, "/?lang=de&q=Integrationsplan", headers=EN)  # the choice beats the browser
    assert '<html lang="de">' in back and "Zitate für" in back
    assert '<html lang="de">' in page(client, "/", headers=EN)


def test_the_api_error_message_follows_accept_language(client: FlaskClient) -> None:
    english = client.get("/api/v1/quotes?sort=loudest", headers=EN)
    german = client.get("/api/v1/quotes?sort=loudest")
    assert english.status_code == german.status_code == 400
    assert english.json == {"error": "invalid_request", "field": "sort",
                            "message": "Must be one of: relevance, newest, oldest."}
    assert german.json == {"error": "invalid_request", "field": "sort",
                           "message": "Muss einer dieser Werte sein: relevance, newest, oldest."}
    assert {"Accept-Language", "Cookie"} <= set(english.vary)
    unknown = client.get("/api/v1/quotes/nope", headers=EN).json
    assert unknown == {"error": "not_found", "field": None,
                       "message": "There is no quote with the id 'nope'."}
    assert client.get("/api/v1/quotes/nope").json["message"] == (  # type: ignore[index]
        "Ein Zitat mit der Id 'nope' gibt es nicht.")


def test_the_api_takes_lang_too_and_it_is_no_search_argument(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes?q=Integrationsplan&lang=en&sort=loudest")
    assert response.json is not None and response.json["message"].startswith("Must be one of")
    assert "Set-Cookie" not in response.headers
    assert client.get("/api/v1/quotes?q=Integrationsplan&lang=en").status_code == 200


def test_an_invalid_input_names_its_field_marks_and_focuses_it(client: FlaskClient) -> None:
    german = page(client, "/?date_from=2023-02-30", status=400)
    assert re.search(r'<p class="error" role="alert" id="input-error">Ungültige Eingabe im '
                     r"Feld „Datum von“: Kein gültiges Datum\.</p>", german)
    field = re.search(r'<input type="date" id="date_from"[^>]*>', german)
    assert field is not None
    assert 'aria-describedby="input-error"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0) and "autofocus" in field.group(0)
    assert 'id="date_to" name="date_to" value="">' in german  # only the offending input
    english = page(client, "/?date_from=2023-02-30", status=400, headers=EN)
    assert "Invalid input in the field “Date from”: Not a valid date." in english
    # an argument without an input: the message itself takes the focus
    other = page(client, "/?per_page=1000", status=400, headers=EN)
    assert re.search(r'<p class="error" role="alert" id="input-error" tabindex="-1" autofocus>'
                     r"Invalid input in the field “Results per page”", other)
    query = page(client, "/?q=" + "x" * 600, status=400)
    assert 'aria-describedby="q-help input-error" aria-invalid="true" autofocus' in query


def test_error_pages_in_both_languages(client: FlaskClient) -> None:
    assert "Nicht gefunden" in page(client, "/zitate/nope", status=404)
    english = page(client, "/zitate/nope", status=404, headers=EN)
    assert "<h1>Not found</h1>" in english and "There is no quote with the id" in english


def test_english_pages_for_english_readers(client: FlaskClient) -> None:
    speaker = page(client, "/sprecher/frank-ebert", headers=EN)
    assert "March 2023: 11" in speaker and "Quotes per month" in speaker
    german = page(client, "/sprecher/frank-ebert")
    assert "März 2023: 11" in german
    status = page(client, "/status", headers=EN)
    assert "Indexed data" in status and "Quotes" in status
    verified = client.post("/pruefen", headers=EN, data={
        "text": "In Hessen richtet sich Integrationspolitik an alle Bürger",
        "speaker": "Kai Klose", "date": ""}).get_data(as_text=True)
    assert "Result: Altered" in verified and "Finding to paste" in verified
    assert "Kai Klose said: “In Hessen" in verified and "sagte" not in verified
    german_check = client.post("/pruefen", data={
        "text": "In Hessen richtet sich Integrationspolitik an alle Bürger",
        "speaker": "Kai Klose", "date": ""}).get_data(as_text=True)
    assert "Kai Klose sagte (undatiert): „In Hessen" in german_check
