// Strict mode: sign in with a token, or an access key and its secret key, from the engine's
// credentials file. The engine checks them once and answers with a session cookie the page cannot
// read (HttpOnly); nothing typed here is kept.
import { useState } from "preact/hooks";
import { sendJson } from "../api";
import type { SessionView } from "../../../provider/engine/console/types";
import { Problem } from "./common";

export function SignIn({ onSignedIn }: { onSignedIn: (s: SessionView) => void }) {
  const [kind, setKind] = useState<"token" | "key">("token");
  const [token, setToken] = useState("");
  const [accessKey, setAccessKey] = useState("");
  const [secretKey, setSecretKey] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const body = kind === "token" ? { token } : { access_key: accessKey, secret_key: secretKey };
      onSignedIn(await sendJson<SessionView>("POST", "/console/api/session", body));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="sign-in" onSubmit={submit}>
      <h2>Sign in</h2>
      <p>This engine runs in strict mode. Sign in with a token or an access key from its credentials file; you will see the projects it is granted.</p>
      <div class="choice">
        <label>
          <input type="radio" name="kind" checked={kind === "token"} onChange={() => setKind("token")} /> Token
        </label>{" "}
        <label>
          <input type="radio" name="kind" checked={kind === "key"} onChange={() => setKind("key")} /> Access key
        </label>
      </div>
      {kind === "token" ? (
        <label>
          Token <input name="token" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
      ) : (
        <>
          <label>
            Access key id <input name="access_key" autoComplete="off" value={accessKey} onInput={(e) => setAccessKey(e.currentTarget.value)} />
          </label>
          <label>
            Secret key <input name="secret_key" type="password" autoComplete="off" value={secretKey} onInput={(e) => setSecretKey(e.currentTarget.value)} />
          </label>
        </>
      )}
      <button type="submit">Sign in</button>
      <Problem error={error} />
    </form>
  );
}
