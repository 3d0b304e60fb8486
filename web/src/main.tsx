// The engine's web console: one page, four views chosen by the address's #fragment, and a
// sign-in form when the engine is strict.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError, onSignedOut, sendJson } from "./api";
import type { SessionView } from "../../provider/engine/console/types";
import { CallsPage } from "./views/calls";
import { Problem } from "./views/common";
import { FindPage } from "./views/find";
import { HealthPage } from "./views/health";
import { SignIn } from "./views/sign-in";
import { TopologyPage } from "./views/topology";

const TABS = [
  { hash: "#/", title: "Topology & traffic" },
  { hash: "#/health", title: "Health" },
  { hash: "#/calls", title: "API log" },
  { hash: "#/find", title: "Find a backend" },
];

function useHash(): string {
  const [hash, setHash] = useState(location.hash || "#/");
  useEffect(() => {
    const changed = () => setHash(location.hash || "#/");
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return hash;
}

function App() {
  const [session, setSession] = useState<SessionView | "sign-in" | undefined>();
  const [error, setError] = useState<string | undefined>();
  const hash = useHash();
  useEffect(() => {
    getJson<SessionView>("/console/api/session").then(setSession, (e: HttpError) => (e.status === 401 ? setSession("sign-in") : setError(e.message)));
    return onSignedOut(() => setSession("sign-in"));
  }, []);
  const [path, search] = hash.split("?");
  const signOut = async () => {
    await sendJson("DELETE", "/console/api/session").catch(() => undefined);
    setSession("sign-in");
  };
  return (
    <>
      <header class="top">
        <h1>ELB engine console</h1>
        {session && session !== "sign-in" && (
          <>
            <nav>
              {TABS.map((t) => (
                <a key={t.hash} href={t.hash} class={path === t.hash ? "active" : ""}>
                  {t.title}
                </a>
              ))}
            </nav>
            <span class="who" data-mode={session.mode}>
              {session.mode === "lenient" ? "lenient mode: every project" : `${session.principal}: ${session.projects.length} project${session.projects.length === 1 ? "" : "s"}`}
              {session.mode === "strict" && (
                <button type="button" onClick={signOut}>
                  Sign out
                </button>
              )}
            </span>
          </>
        )}
      </header>
      <main>
        <Problem error={error} />
        {session === "sign-in" && <SignIn onSignedIn={setSession} />}
        {session && session !== "sign-in" && (
          <>
            {path === "#/" && <TopologyPage />}
            {path === "#/health" && <HealthPage />}
            {path === "#/calls" && <CallsPage />}
            {path === "#/find" && <FindPage query={new URLSearchParams(search ?? "").get("q") ?? ""} onQuery={(q) => (location.hash = `#/find?q=${encodeURIComponent(q)}`)} />}
          </>
        )}
      </main>
    </>
  );
}

// The page's "Loading…" placeholder goes; Preact renders into the emptied container.
const root = document.getElementById("app")!;
root.replaceChildren();
render(<App />, root);
