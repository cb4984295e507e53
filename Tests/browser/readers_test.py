#!/usr/bin/env python3
"""What readers use to find and follow posts, against a real `parley serve --demo`.

The feeds are read by feedparser (PyPI, installed by scripts/install-test-deps.sh), the parser
most feed readers are built on: /feed (RSS 2.0), /feed/atom and /feed?format=atom (Atom), and a
post's comments feed in both formats must parse without a single complaint (feedparser's
`bozo`), in the format they claim, with their entries' titles, links and dates. sitemap.xml
must be well-formed and list the feed's posts; robots.txt must name it. Then a real headless
Chromium opens /archive, searches it for a word of a post's title, opens the result and finds
its link-preview tags; every page is checked with axe-core (a serious or critical finding
fails the run), and screenshots of the archive and its results go to ARTIFACTS.

    PARLEY_URL=http://127.0.0.1:PORT python3 Tests/browser/readers_test.py

Prints `ok: NAME` or `FAIL: NAME` per check, then "readers: N passed, M failed"; exits 1 on any
failure. Every request and wait is bounded.
"""
import os
import re
import sys
import urllib.request
import xml.etree.ElementTree as ElementTree

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never go online

import feedparser
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from post_page_test import BASE, Checks, make_driver  # noqa: E402 - the same browser, axe audit and screenshots

HTTP_TIMEOUT = 15


def fetch(path):
    with urllib.request.urlopen(BASE + path, timeout=HTTP_TIMEOUT) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def parsed_feed(path, version, content_type):
    status, kind, body = fetch(path)
    assert status == 200, f"{path}: {status}"
    assert kind == content_type, f"{path}: Content-Type {kind}"
    feed = feedparser.parse(body)
    assert not feed.bozo, f"{path}: feedparser complains: {feed.get('bozo_exception')!r}"
    assert feed.version == version, f"{path}: parsed as {feed.version!r}, not {version}"
    assert feed.feed.get("title"), f"{path}: no feed title"
    assert feed.entries, f"{path}: no entries"
    for entry in feed.entries:
        assert entry.get("title"), f"{path}: an entry without a title"
        assert entry.get("link", "").startswith(BASE + "/p/"), f"{path}: entry link {entry.get('link')!r}"
        assert entry.get("published_parsed") or entry.get("updated_parsed"), f"{path}: entry {entry.title!r} without a date"
    return feed


def main():
    driver = make_driver()
    checks = Checks(driver)
    state = {}
    try:
        def posts_feed():
            rss = parsed_feed("/feed", "rss20", "application/rss+xml; charset=utf-8")
            for path in ("/feed/atom", "/feed?format=atom"):
                atom = parsed_feed(path, "atom10", "application/atom+xml; charset=utf-8")
                assert [e.link for e in atom.entries] == [e.link for e in rss.entries], f"{path} lists other posts than /feed"
            # Content is HTML for the reader, as escaped text in the XML.
            assert any("<p>" in (e.get("summary") or "") for e in rss.entries), "no entry carries its HTML body"
            state["posts"] = [(e.title, e.link) for e in rss.entries]
        checks.run("the posts feed parses as RSS 2.0 and Atom", posts_feed)

        def comments_feed():
            for title, link in state["posts"]:
                slug = link.rsplit("/p/", 1)[1]
                status, _, body = fetch(f"/p/{slug}/comments/feed")
                if feedparser.parse(body).entries:
                    break
            else:
                raise AssertionError("no demo post has a comments feed with entries")
            parsed_feed(f"/p/{slug}/comments/feed", "rss20", "application/rss+xml; charset=utf-8")
            parsed_feed(f"/p/{slug}/comments/feed/atom", "atom10", "application/atom+xml; charset=utf-8")
        checks.run("a post's comments feed parses as RSS 2.0 and Atom", comments_feed)

        def sitemap_and_robots():
            status, kind, body = fetch("/sitemap.xml")
            assert status == 200 and kind.startswith("application/xml"), (status, kind)
            namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
            locations = [loc.text for loc in ElementTree.fromstring(body).iter(namespace + "loc")]
            for _, link in state["posts"]:
                assert link in locations, f"{link} is not in the sitemap"
            status, _, robots = fetch("/robots.txt")
            assert f"Sitemap: {BASE}/sitemap.xml" in robots.decode(), robots
        checks.run("sitemap.xml lists the posts and robots.txt names it", sitemap_and_robots)

        def archive():
            driver.get(BASE + "/archive")
            assert checks.css("h1#archive-heading").text == "Archive"
            listed = driver.find_elements(By.CSS_SELECTOR, ".archive-list .post-title")
            assert listed, "the archive lists no posts"
            checks.shot("archive")
        checks.run("the archive lists the posts", archive)

        def search():
            title = state["posts"][-1][0]
            word = max(re.findall(r"\w+", title), key=len)
            box = checks.css("#archive-q")
            box.clear()
            box.send_keys(word.upper() + Keys.ENTER)
            heading = checks.css("#archive-results")
            assert word.upper() in heading.text, heading.text
            titles = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".archive-list .post-title")]
            assert title in titles, f"searching {word!r} did not find {title!r}: {titles}"
            checks.shot("archive-search")
            driver.find_element(By.LINK_TEXT, title).click()
            checks.css("article.post h1")
            tags = {element.get_attribute("property"): element.get_attribute("content")
                    for element in driver.find_elements(By.CSS_SELECTOR, "meta[property]")}
            assert tags.get("og:type") == "article", tags
            assert tags.get("og:url", "").startswith(BASE + "/p/"), tags
            canonical = driver.find_element(By.CSS_SELECTOR, "link[rel=canonical]").get_attribute("href")
            assert canonical == tags["og:url"], (canonical, tags)
        checks.run("searching the archive finds a post and its page has preview tags", search)

        def nothing_found():
            driver.get(BASE + "/archive?q=qqqzzzxxx")
            assert "No posts match" in checks.css(".archive .empty").text
        checks.run("a search that finds nothing says so", nothing_found)
    finally:
        driver.quit()
    for finding in checks.accessibility.findings:
        print(f"FAIL: accessibility: {finding}")
    failed = checks.failed + len(checks.accessibility.findings)
    print(f"readers: {checks.passed} passed, {failed} failed")
    return 1 if failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
