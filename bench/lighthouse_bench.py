"""Lighthouse scores for home, an article, a test page and a report, against a local gunicorn.

Needs `npm ci` in bench/lighthouse (done by `make bench`) and Debian's Chromium. Prints the four
category scores per page and the article's total transfer size. Targets: >= 95 each, <= 60 KB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, gunicorn

FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    '--disable-sync --no-first-run --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def report_url(base: str) -> str:
    """Take the test through plain HTTP to get a real report address."""
    import http.cookiejar
    import re
    from urllib.parse import urlencode

    import yaml

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/en/test/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")

    def post(path: str, data: dict[str, str]) -> str:
        request = urllib.request.Request(base + path, data=urlencode({**data, "csrfmiddlewaretoken": csrf}).encode())
        request.add_header("Referer", base + path)
        with opener.open(request) as response:
            return response.geturl()

    post("/en/test/begin/", {"action": "start"})
    data = yaml.safe_load((ROOT / "content/instruments/communication-patterns/v1.yaml").read_text("utf-8"))
    ids = [item["id"] for item in data["items"]]
    for number in range(1, (len(ids) + 5) // 6 + 1):
        post(f"/en/test/{number}/", {**{i: "3" for i in ids[(number - 1) * 6 : number * 6]}, "nav": "next"})
    final = post("/en/test/safety/", {**{i["id"]: "1" for i in data["safety_check"]["items"]}, "nav": "finish"})
    assert re.search(r"/report/", final), final
    return final


def main() -> int:
    binary = ROOT / "bench/lighthouse/node_modules/.bin/lighthouse"
    if not binary.exists():
        print("Lighthouse is not installed: cd bench/lighthouse && npm ci")
        return 0
    with gunicorn(2) as base:
        pages = {
            "home": f"{base}/en/",
            "article": f"{base}/zh-hans/articles/sexual-safety-after-no/",
            "test page": f"{base}/en/test/",
            "report": report_url(base),
        }
        print("\nLighthouse (mobile emulation, simulated throttling)")
        print(f"  {'page':10} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        for name, url in pages.items():
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "lh.json"
                subprocess.run(
                    f'{binary} "{url}" --quiet --output=json --output-path={out} --chrome-flags=\'{FLAGS}\'',
                    shell=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=False, timeout=180,
                )  # fmt: skip
                if not out.exists():
                    print(f"  {name:10} (Lighthouse failed)")
                    continue
                result = json.loads(out.read_text())
                scores = [round((result["categories"][c]["score"] or 0) * 100) for c in CATEGORIES]
                print(f"  {name:10} " + " ".join(f"{s:>14}" for s in scores))
                if name == "article":
                    total = result["audits"]["total-byte-weight"]["numericValue"]
                    print(f"  {'':10} article total transfer: {total / 1024:.1f} KB (target <= 60 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
