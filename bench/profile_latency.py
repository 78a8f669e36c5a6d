"""Where does the reply time go? Serve a model on the benchmark's ports, load it, and
record the Rasa server and the action server with py-spy while the load runs.

Called by bench/profile_latency.sh (which installs py-spy on demand); see bench/README.md.
    PROFILE_MODEL=models/kpn-assistent.tar.gz PROFILE_CONCURRENCY=1 PROFILE_REQUESTS=200
    PROFILE_TURN=100   profile turns 100.. of long conversations (loadgen.CONVERSATION,
                       grown to that turn first, unprofiled) instead of new conversations
Writes bench/out/profile/{rasa,actions}-flamegraph.svg, *-parts.txt (CPU samples by part
of the reply path: NLU, policies, tracker store, action call, ...) and *-top.txt.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen  # noqa: E402
import run_bench as rb  # noqa: E402


def main() -> int:
    model = Path(os.environ.get("PROFILE_MODEL", "models/kpn-assistent.tar.gz"))
    concurrency = int(os.environ.get("PROFILE_CONCURRENCY", "1"))
    total = int(os.environ.get("PROFILE_REQUESTS", "200"))
    max_seconds = int(os.environ.get("PROFILE_SECONDS", "90"))
    rate = os.environ.get("PROFILE_RATE", "200")  # samples per second
    py_spy = rb.ROOT / ".venv" / "bin" / "py-spy"
    out = rb.OUT / "profile"
    out.mkdir(parents=True, exist_ok=True)
    rb.WORK.mkdir(parents=True, exist_ok=True)
    rb.LOGS.mkdir(parents=True, exist_ok=True)
    if not (rb.ROOT / model).exists():
        print(f"error: no model at {model}. Fix: make train, or PROFILE_MODEL=path", file=sys.stderr)
        return 1
    for p in (rb.PORTS["ours"], rb.ACTION_PORT):
        if not rb.port_free(p):
            print(f"error: port {p} in use (a benchmark running?)", file=sys.stderr)
            return 1
    questions = loadgen.pick_questions(rb.N_QUESTIONS)
    env = rb.child_env(rb.WORK / "tracker-profile.db")
    port = rb.PORTS["ours"]
    started = time.perf_counter()
    actions = rb.spawn(rb.actions_cmd(), "actions-profile.log", env)
    rasa = rb.spawn(rb.rasa_run_cmd(model, port), "rasa-profile.log", env)
    try:
        ready = rb.first_answer(port, actions, rasa, questions[0]["text"], started)
        rb.log(f"first answer after {ready['first_answer_s']:.1f} s; warming up")
        url = f"http://127.0.0.1:{port}"
        loadgen.run_load(url, questions, 10, 1, 60, 30, label="warmup")
        spies = []
        for name, proc in (("rasa", rasa), ("actions", actions)):
            for fmt, ext in (("flamegraph", "svg"), ("raw", "txt")):
                spies.append(subprocess.Popen(
                    [str(py_spy), "record", "--pid", str(proc.pid), "--rate", rate,
                     "--duration", str(max_seconds), "--format", fmt, "--nonblocking",
                     "--output", str(out / f"{name}-{fmt}.{ext}")],
                    stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True))
        time.sleep(1.5)  # let py-spy attach
        turn = int(os.environ.get("PROFILE_TURN", "0"))
        if turn > 1:
            res = profile_late_turns(url, turn, total, concurrency, max_seconds, spies)
        else:
            rb.log(f"profiling {total} requests at concurrency {concurrency} (≤ {max_seconds} s)")
            res = loadgen.run_load(url, questions, total, concurrency, max_seconds - 5, 30,
                                   label="profile").summary()
        rb.log(f"p50 {res['p50_ms']:.0f} ms, p95 {res['p95_ms']:.0f} ms, errors {res['errors']}")
        for spy in spies:  # py-spy writes its output on SIGINT
            spy.send_signal(2)
        for spy in spies:
            try:
                spy.wait(30)
            except subprocess.TimeoutExpired:
                spy.kill()
        for name in ("rasa", "actions"):
            raw = out / f"{name}-raw.txt"
            if raw.exists():
                (out / f"{name}-top.txt").write_text(top_functions(raw))
                (out / f"{name}-parts.txt").write_text(categories(raw))
                print(f"\n== {name}: CPU samples by part of the reply path ==")
                print((out / f"{name}-parts.txt").read_text(), end="")
                print(f"== {name}: functions by share of samples (self+children) ==")
                print("\n".join((out / f"{name}-top.txt").read_text().splitlines()[:25]))
        rb.log(f"flame graphs: {out}/rasa-flamegraph.svg, {out}/actions-flamegraph.svg")
    finally:
        rb.stop(rasa)
        rb.stop(actions)
    return 0


def profile_late_turns(url: str, turn: int, total: int, concurrency: int, max_seconds: int,
                       spies: list) -> dict:
    """Pause the profilers, grow `concurrency` conversations to `turn`, resume, and
    profile their next turns (total across them)."""
    import signal as sig
    import uuid

    for spy in spies:
        os.kill(spy.pid, sig.SIGSTOP)
    hook = url + "/webhooks/rest/webhook"
    script = loadgen.CONVERSATION
    senders = [f"profile-{uuid.uuid4().hex[:6]}-{i}" for i in range(concurrency)]
    rb.log(f"growing {len(senders)} conversation(s) to turn {turn} (not profiled)")
    for sender in senders:
        for t in range(1, turn):
            loadgen.post_message(hook, sender, script[(t - 1) % len(script)][0], 60)
    for spy in spies:
        os.kill(spy.pid, sig.SIGCONT)
    per = max(1, total // len(senders))
    rb.log(f"profiling turns {turn}-{turn + per - 1} of {len(senders)} conversation(s)")
    latencies = []
    for sender in senders:
        for t in range(turn, turn + per):
            started = time.perf_counter()
            loadgen.post_message(hook, sender, script[(t - 1) % len(script)][0], 60)
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {"p50_ms": loadgen.percentile(latencies, 50), "p95_ms": loadgen.percentile(latencies, 95),
            "errors": 0}


# First matching group wins; substrings of py-spy's "function (file:line)" frames.
CATEGORIES = [
    ("project action code (actions/, knowledge/)", ("(actions/", "(knowledge/")),
    ("action-response validation (jsonschema)", ("jsonschema/", "_validate_action_result")),
    ("tracker store (SQLAlchemy/SQLite)", ("tracker_store.py", "tracker_cache.py", "sqlalchemy/")),
    ("NLU: spaCy", ("spacy/",)),
    ("NLU: DIET / TensorFlow", ("tensorflow/", "diet_classifier")),
    ("NLU: other (featurizers, graph)", ("parse_message", "_parse_message_with_graph")),
    ("policies", ("predict_next_action", "_predict_next_with_policies", "policy")),
    ("HTTP client to the action server (aiohttp)", ("aiohttp/",)),
    ("channel, sanic, json", ("sanic/http", "channels.py", "json/")),
    ("rasa_sdk endpoint", ("rasa_sdk/",)),
]


def collapsed_stacks(raw: Path):
    """(stack, samples) per line of py-spy's collapsed-stack ("raw") output."""
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit():
            yield stack, int(count)


def categories(raw: Path) -> str:
    """Share of CPU samples per coarse part of the reply path."""
    shares: dict[str, int] = {}
    total = 0
    for stack, samples in collapsed_stacks(raw):
        total += samples
        name = next((n for n, keys in CATEGORIES if any(k in stack for k in keys)),
                    "other (event loop, logging, ...)")
        shares[name] = shares.get(name, 0) + samples
    return "".join(f"{100 * n / max(total, 1):5.1f}%  {name}\n"
                   for name, n in sorted(shares.items(), key=lambda kv: -kv[1]))


def top_functions(raw: Path) -> str:
    """Inclusive sample share per function from py-spy's collapsed stacks (raw format)."""
    inclusive: dict[str, int] = {}
    total = 0
    for stack, n in collapsed_stacks(raw):
        total += n
        for frame in set(stack.split(";")):
            inclusive[frame] = inclusive.get(frame, 0) + n
    if not total:
        return "no samples\n"
    rows = sorted(inclusive.items(), key=lambda kv: -kv[1])
    return "".join(f"{100 * n / total:5.1f}%  {frame}\n" for frame, n in rows[:80])


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        rb.stop_all()
