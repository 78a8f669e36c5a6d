"""Compare language detectors on short customer messages (a script, not a test).

Run: .venv/bin/python bench/language_detect.py [--backends py3langid,lingua,...] [--json FILE]

Each detector runs in a fresh process so that its import/load time and memory are its own.
For each it measures, on tests/eval/language_messages.yml:

* raw: the detector's first choice on the message as typed (messages with a language only);
* with rules: server.language's rules around the detector (what is set aside, marker words,
  the three-word rule): the language guess, the ``clear`` flag, and the two errors that
  matter: a *wrong switch* (clear, but the message should not switch the conversation or
  is another language) and a *missed switch* (a clear sentence that does not switch);
* load: import + model load until the first answer, and the growth of the process's peak
  RSS over a Python that has already imported numpy, yaml and knowledge.countries;
* speed: ``detect()`` per message (mean and p95, after warm-up);
* and once, for server/language.py as the server would load it: ``import server.language`` +
  ``warm_up()`` (model, country index, Babel names) in a fresh process that has imported
  numpy and yaml, and the growth of its peak RSS.

Backends: py3langid (0.2.2, the one server/language.py uses), lingua (lingua-language-detector
2.1.1, high accuracy, the same 15 languages), lingua-low (its low-accuracy mode), lingua-nl-en
(lingua on Dutch/English only, py3langid for the other 13), pycld2 (0.42, no language
restriction possible). Only py3langid is in requirements.txt; the others are skipped unless
installed (`.venv/bin/pip install lingua-language-detector==2.1.1 pycld2==0.42`).
Timings depend on the machine's load: the load average is printed with them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MESSAGES = ROOT / "tests" / "eval" / "language_messages.yml"
BACKENDS = ("py3langid", "lingua", "lingua-low", "lingua-nl-en", "pycld2")


# --------------------------------------------------------------------------- scorers

class LinguaScorer:
    """lingua-language-detector over the 15 candidates (or Dutch/English only)."""

    def __init__(self, codes: tuple[str, ...], low_accuracy: bool = False) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
        builder = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._detector = builder.build()

    def rank(self, text: str) -> list[tuple[str, float]]:
        values = self._detector.compute_language_confidence_values(text)
        return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values]

    def dutch_or_english(self, text: str) -> tuple[str, float]:
        ranked = dict(self.rank(text))
        dutch, english = ranked.get("nl", 0.0), ranked.get("en", 0.0)
        if dutch + english <= 0:
            return "nl", 0.5
        return ("nl", dutch / (dutch + english)) if dutch >= english else ("en", english / (dutch + english))


class LinguaDutchEnglishScorer:
    """lingua for Dutch vs English, py3langid for whether it is one of the 13 others."""

    def __init__(self) -> None:
        from server.language import Py3LangidScorer

        self._lingua = LinguaScorer(("nl", "en"))
        self._other = Py3LangidScorer()

    def rank(self, text: str) -> list[tuple[str, float]]:
        ranked = self._other.rank(text)
        return ranked if ranked[0][0] not in ("nl", "en") else self._lingua.rank(text)

    def dutch_or_english(self, text: str) -> tuple[str, float]:
        return self._lingua.dutch_or_english(text)


class Cld2Scorer:
    """pycld2 (Compact Language Detector 2): its top three, renormalised over the candidates."""

    def __init__(self) -> None:
        import pycld2

        self._detect = pycld2.detect

    def rank(self, text: str) -> list[tuple[str, float]]:
        from server.language import CANDIDATES

        try:
            details = self._detect(text, bestEffort=True)[2]
        except Exception:  # pycld2 refuses some byte sequences
            details = ()
        found = {}
        for _name, code, percent, _score in details:
            code = code.split("-")[0]
            if code in CANDIDATES and percent > 0:
                found[code] = found.get(code, 0) + percent / 100
        if not found:
            return [(c, 1 / len(CANDIDATES)) for c in CANDIDATES]
        return sorted(found.items(), key=lambda kv: -kv[1])

    def dutch_or_english(self, text: str) -> tuple[str, float]:
        ranked = dict(self.rank(text))
        dutch, english = ranked.get("nl", 0.0), ranked.get("en", 0.0)
        if dutch + english <= 0 or dutch == english:
            return "nl", 0.5
        return ("nl", dutch / (dutch + english)) if dutch > english else ("en", english / (dutch + english))


def make_scorer(backend: str):
    from server.language import CANDIDATES, Py3LangidScorer

    if backend == "py3langid":
        return Py3LangidScorer()
    if backend == "lingua":
        return LinguaScorer(CANDIDATES)
    if backend == "lingua-low":
        return LinguaScorer(CANDIDATES, low_accuracy=True)
    if backend == "lingua-nl-en":
        return LinguaDutchEnglishScorer()
    if backend == "pycld2":
        return Cld2Scorer()
    raise ValueError(backend)


def available(backend: str) -> bool:
    module = {"lingua": "lingua", "lingua-low": "lingua", "lingua-nl-en": "lingua", "pycld2": "pycld2"}.get(backend)
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- one backend

def measure(backend: str) -> dict:
    """Run in a fresh process: load, raw accuracy, accuracy with the rules, speed."""
    import numpy  # noqa: F401  - Rasa has it loaded anyway; not the detector's cost
    import yaml

    from knowledge.countries import find_countries_in_text
    from server.language import Detector

    find_countries_in_text("Spanje")  # the country index is shared by every backend
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    scorer = make_scorer(backend)
    scorer.rank("Wat kost bellen naar Spanje?")
    load_seconds = time.perf_counter() - started
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024

    raw_rank = scorer.rank
    if backend == "py3langid":  # as the library answers, also where no n-gram is known (its prior)
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        from server.language import CANDIDATES

        identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(CANDIDATES))
        raw_rank = identifier.rank
    detector = Detector(scorer)
    for message in messages[:20]:
        detector.detect(message["text"])

    rows = []
    for message in messages:
        text = message["text"]
        raw = raw_rank(text)[0][0] if message["language"] else None
        start = time.perf_counter()
        guess = detector.detect(text)
        elapsed = time.perf_counter() - start
        rows.append({"text": text, "kind": message["kind"], "heldout": bool(message.get("heldout")),
                     "expected_language": message["language"], "expected_clear": message["clear"],
                     "raw": raw, "language": guess.language, "clear": guess.clear, "seconds": elapsed})
    return {"backend": backend, "load_seconds": load_seconds, "rss_growth_mb": rss_growth_mb, "rows": rows}


def cold_start() -> dict:
    """Run in a fresh process: what loading server/language.py costs the server."""
    import numpy  # noqa: F401  - loaded by Rasa before any component
    import yaml  # noqa: F401

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    from server import language

    imported = time.perf_counter()
    language.Py3LangidScorer()  # the model alone (warm_up loads its own copy)
    model = time.perf_counter()
    from knowledge.countries import find_countries_in_text

    find_countries_in_text("Spanje")  # the country index (knowledge.loader + countries.yml)
    countries = time.perf_counter()
    language.warm_up()
    done = time.perf_counter()
    return {"import_seconds": imported - started, "model_seconds": model - imported,
            "countries_seconds": countries - model, "warm_up_seconds": done - countries,
            "rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024}


# --------------------------------------------------------------------------- report

def summarise(result: dict, heldout: Optional[bool] = None) -> dict:
    rows = [r for r in result["rows"] if heldout is None or r["heldout"] == heldout]
    if not rows:
        return {"messages": 0}
    labelled = [r for r in rows if r["expected_language"]]
    clear_rows = [r for r in rows if r["expected_clear"]]
    wrong_switch = [r for r in rows if r["clear"] and (not r["expected_clear"] or r["language"] != r["expected_language"])]
    missed_switch = [r for r in clear_rows if not (r["clear"] and r["language"] == r["expected_language"])]
    times = sorted(r["seconds"] for r in rows)
    return {
        "messages": len(rows),
        "raw": f"{sum(r['raw'] == r['expected_language'] for r in labelled)}/{len(labelled)}",
        "raw_clear": f"{sum(r['raw'] == r['expected_language'] for r in clear_rows)}/{len(clear_rows)}",
        "language": f"{sum(r['language'] == r['expected_language'] for r in rows)}/{len(rows)}",
        "clear": f"{sum(r['clear'] == r['expected_clear'] for r in rows)}/{len(rows)}",
        "both": sum(r["language"] == r["expected_language"] and r["clear"] == r["expected_clear"] for r in rows),
        "wrong_switch": [r["text"] for r in wrong_switch],
        "missed_switch": [r["text"] for r in missed_switch],
        "mean_ms": statistics.mean(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
    }


def table(results: list[dict]) -> str:
    lines = [
        "| detector | raw, labelled | raw, clear sentences | with rules: language | clear flag | both right "
        "| wrong switches | missed switches | held-out: both right | load | RSS growth | detect() mean / p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        every = summarise(result)
        held = summarise(result, heldout=True)
        held_text = f"{held['both']}/{held['messages']}" if held["messages"] else "-"
        lines.append(
            f"| {result['backend']} | {every['raw']} | {every['raw_clear']} | {every['language']} | {every['clear']} "
            f"| {every['both']}/{every['messages']} | {len(every['wrong_switch'])} | {len(every['missed_switch'])} "
            f"| {held_text} | {result['load_seconds']:.2f} s | {result['rss_growth_mb']:.0f} MB "
            f"| {every['mean_ms']:.2f} / {every['p95_ms']:.2f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one backend, print JSON
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)  # internal: cold start
    parser.add_argument("--json", help="also write every result (per message) to this file")
    parser.add_argument("--errors", action="store_true", help="list the wrong and missed switches")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    if args.cold:
        print(json.dumps(cold_start()))
        return
    results = []
    for backend in args.backends.split(","):
        if not available(backend):
            print(f"skipped {backend}: not installed", file=sys.stderr)
            continue
        out = subprocess.run([sys.executable, __file__, "--one", backend], check=True, capture_output=True,
                             text=True, cwd=ROOT)
        results.append(json.loads(out.stdout))
    print(f"{len(results[0]['rows'])} messages from {MESSAGES.relative_to(ROOT)}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs")
    print(table(results))
    cold = json.loads(subprocess.run([sys.executable, __file__, "--cold"], check=True, capture_output=True,
                                     text=True, cwd=ROOT).stdout)
    print(f"\nserver/language.py cold start: import {cold['import_seconds']:.2f} s, py3langid model "
          f"{cold['model_seconds']:.2f} s, country index {cold['countries_seconds']:.2f} s, rest of warm_up() "
          f"{cold['warm_up_seconds']:.2f} s; peak RSS +{cold['rss_growth_mb']:.0f} MB")
    if args.errors:
        for result in results:
            summary = summarise(result)
            print(f"\n{result['backend']}: wrong switches {summary['wrong_switch']}; "
                  f"missed switches {summary['missed_switch']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
