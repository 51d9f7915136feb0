#!/usr/bin/env bash
# Install what Wortlaut needs from Debian's packages, only where it is missing:
#   Java 17+ (runs Elasticsearch 8), Maven (fetches the Elasticsearch distribution),
#   the German Hunspell dictionary (stemming and compound splitting).
# Usage: scripts/install-system-deps.sh [--browser] [--bench]   (--browser adds Chromium +
#   driver, and Node.js + npm for axe-core; --bench adds valgrind, which counts the app's
#   instructions per request for bench/instructions.py)
set -euo pipefail

packages=()
java_major() {
  java -version 2>&1 | sed -nE 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p' | head -1 |
    awk '{ print ($1 == 1 ? $2 : $1) }'
}
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ] && [ -z "${ES_JAVA_HOME:-}" ]; then
  packages+=(openjdk-17-jre-headless)
elif command -v java >/dev/null 2>&1 && [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  packages+=(openjdk-17-jre-headless)
fi
command -v mvn >/dev/null 2>&1 || packages+=(maven)
[ -e "${WORTLAUT_HUNSPELL_DIR:-/usr/share/hunspell}/de_DE.dic" ] || packages+=(hunspell-de-de)
for option in "$@"; do
  case "$option" in
    --browser)
      command -v chromium >/dev/null 2>&1 || packages+=(chromium)
      command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
      # npm installs axe-core (package-lock.json) for the accessibility tests
      command -v npm >/dev/null 2>&1 || packages+=(nodejs npm) ;;
    --bench) command -v valgrind >/dev/null 2>&1 || packages+=(valgrind) ;;
    *) echo "unknown option: $option (use --browser, --bench)" >&2; exit 2 ;;
  esac
done

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing from Debian's packages: ${packages[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing packages: ${packages[*]}. Install them as root (apt-get install ${packages[*]})." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
