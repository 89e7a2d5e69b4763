#!/usr/bin/env python3
"""Signs a person in through the portal's API and prints the session cookie: the one sign-in every bench script uses.

People whose role needs a second factor (the coordinator, administrators) are sent to set it up first and get 403
until they have. For them the first sign-in sets up an authenticator (RFC 6238, computed here), and the key and the
recovery codes the portal hands back are kept in a state file beside the bench's data, so later sign-ins in the same
run take a recovery code (no wait) and, once those are spent, the next TOTP code (a code is taken only once, so it
waits for the next 30-second step).

    python3 build/bench/portal_session.py BASE EMAIL PASSWORD [--state FILE]      prints "__Host-Portal=..."

As a module: `from portal_session import Portal` (see bench scripts), `Portal(base, password, state).cookie(email)`.
"""
import base64, hashlib, hmac, json, os, struct, sys, time, urllib.error, urllib.request


def totp(key, at=None):
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(at if at is not None else time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000)


class PortalError(Exception):
    def __init__(self, code, method, path, body):
        super().__init__(f"HTTP {code} on {method} {path}: {body[:2000].decode(errors='replace')}")
        self.code, self.body = code, body


class Portal:
    def __init__(self, base, password, state=None):
        self.base, self.password, self.state = base.rstrip("/"), password, state

    def call(self, cookie, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                text = response.read()
                return response, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            # The problem details say which field was refused: keep them in the failure.
            raise PortalError(error.code, method, path, error.read()) from None

    def _sign_in(self, email, **second):
        try:
            response, _ = self.call(None, "POST", "/api/account/sign-in", {"email": email, "password": self.password, **second})
        except PortalError as error:
            problem = json.loads(error.body or b"{}") if error.code == 401 else {}
            if problem.get("requiresTwoFactor"):
                return None
            raise
        cookies = [v.split(";")[0] for k, v in response.getheaders() if k.lower() == "set-cookie" and v.startswith("__Host-Portal=")]
        if not cookies:
            raise RuntimeError(f"no session cookie for {email}")
        return cookies[0]

    def _load(self):
        if self.state and os.path.exists(self.state):
            with open(self.state) as f:
                return json.load(f)
        return {}

    def _save(self, known):
        if self.state:
            with open(self.state, "w") as f:
                json.dump(known, f)

    def cookie(self, email):
        known = self._load()
        person = known.get(email)
        if person is None:
            cookie = self._sign_in(email)
            if cookie is None:
                raise RuntimeError(f"{email} has a second factor this helper does not know (no state file?)")
            _, status = self.call(cookie, "GET", "/api/account/two-factor")
            if not status.get("required") or status.get("enabled"):
                return cookie
            # Set the authenticator up; the session that did so is still the one that must set it up, so sign in again.
            key = status["sharedKey"].replace(" ", "")
            at = time.time()
            _, codes = self.call(cookie, "POST", "/api/account/two-factor/enable", {"code": totp(key, at)})
            person = known[email] = {"key": key, "recovery": codes["recoveryCodes"], "lastStep": int(at) // 30}
            self._save(known)
        if person["recovery"]:
            code = person["recovery"].pop(0)
            self._save(known)
            return self._sign_in(email, recoveryCode=code)
        while int(time.time()) // 30 <= person["lastStep"]:  # the step's code was taken already
            time.sleep(0.5)
        at = time.time()
        person["lastStep"] = int(at) // 30
        self._save(known)
        return self._sign_in(email, twoFactorCode=totp(person["key"], at))


if __name__ == "__main__":
    args = sys.argv[1:]
    state = None
    if "--state" in args:
        i = args.index("--state")
        state = args[i + 1]
        del args[i:i + 2]
    base, email, password = args
    print(Portal(base, password, state).cookie(email))
