#!/usr/bin/env python3
"""Seeds the meetings benchmark through the portal's API, on one kept-alive connection.

seed.py BASE EMAIL PASSWORD WORKSPACES MEETINGS DECISIONS
    The user creates WORKSPACES workspaces, MEETINGS open meetings in each (one a day from tomorrow, so all are in the
    feed) and DECISIONS decisions per meeting; prints shell assignments: FEED (the user's calendar feed path),
    COOKIE (the session) and WORD (a word found in every tenth decision, for the register's search).
seed.py --cookie BASE EMAIL PASSWORD
    Prints a fresh session cookie.
seed.py --retitle BASE EMAIL PASSWORD MEETING N
    Renames the meeting ("… (change N)"), a change of one of the feed's meetings: the next feed request writes it anew.
"""
import datetime
import http.client
import json
import sys
import urllib.parse

TOPICS = ["budget", "schedule", "trainings", "op-eds", "visibility", "fieldwork", "translations", "reporting", "venues", "media"]
TOWNS = ["Prishtina", "Belgrade", "Mitrovica", "Novi Sad", "Prizren", "Nis", "Gjakova", "Kraljevo", "Peja", "Gracanica"]
WORD = "roundtable"


class Portal:
    def __init__(self, base):
        url = urllib.parse.urlparse(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        self.cookie = None

    def call(self, method, path, body=None, expect=(200, 201, 204)):
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status not in expect:
            sys.exit(f"{method} {path} answered {response.status}: {data[:600]!r}")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("__Host-Portal="):
                self.cookie = value.split(";", 1)[0]
        return json.loads(data) if data else None

    def sign_in(self, email, password):
        self.call("POST", "/api/account/sign-in", {"email": email, "password": password})
        if not self.cookie:
            sys.exit("sign-in gave no session cookie")


def main(argv):
    if argv[0] == "--cookie":
        portal = Portal(argv[1])
        portal.sign_in(argv[2], argv[3])
        print(portal.cookie)
        return
    if argv[0] == "--retitle":
        portal = Portal(argv[1])
        portal.sign_in(argv[2], argv[3])
        m = portal.call("GET", f"/api/meetings/{argv[4]}")
        portal.call("PUT", f"/api/meetings/{argv[4]}", {
            "title": m["title"].split(" (change")[0] + f" (change {argv[5]})", "description": m.get("description"),
            "start": m["localStart"], "end": m["localEnd"], "timeZoneId": m["timeZoneId"], "place": m.get("place"),
            "town": m.get("town"), "onlineLink": m.get("onlineLink"), "invitees": m["invitees"], "concurrencyStamp": m["concurrencyStamp"]})
        return
    base, email, password = argv[0], argv[1], argv[2]
    workspaces, meetings, decisions = int(argv[3]), int(argv[4]), int(argv[5])
    portal = Portal(base)
    portal.sign_in(email, password)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    count = 0
    last = None
    for w in range(workspaces):
        workspace = portal.call("POST", "/api/workspaces", {
            "name": f"Bench workspace {w + 1:02d}", "description": "Meetings benchmark", "kind": "Forum"})["id"]
        for m in range(meetings):
            day = tomorrow + datetime.timedelta(days=m)
            hour = 8 + (w % 8)
            meeting = portal.call("POST", f"/api/workspaces/{workspace}/meetings", {
                "title": f"Forum meeting {w + 1}.{m + 1}",
                "start": f"{day.isoformat()}T{hour:02d}:00:00", "end": f"{day.isoformat()}T{hour + 1:02d}:30:00",
                "timeZoneId": "Europe/Belgrade", "town": TOWNS[m % len(TOWNS)]})["id"]
            portal.call("POST", f"/api/meetings/{meeting}/open")
            last = meeting
            for d in range(decisions):
                count += 1
                extra = f" after the {WORD}" if count % 10 == 0 else ""
                portal.call("POST", f"/api/meetings/{meeting}/decisions", {
                    "text": f"The partners agree on the {TOPICS[count % len(TOPICS)]} for {TOWNS[(count // 10) % len(TOWNS)]}{extra} (decision {count})."})
        print(f"   workspace {w + 1}/{workspaces} seeded", file=sys.stderr)
    feed = portal.call("POST", "/api/meetings/calendar-feed")["url"]
    path = urllib.parse.urlparse(feed).path if feed.startswith("http") else feed
    print(f"FEED='{path}'")
    print(f"COOKIE='{portal.cookie}'")
    print(f"WORD='{WORD}'")
    print(f"MEETING='{last}'")


if __name__ == "__main__":
    main(sys.argv[1:])
