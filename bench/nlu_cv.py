"""Cross-validate an NLU config the way `rasa test nlu --cross-validation` does, in parallel.

    python bench/nlu_cv.py --config config.yml --out results/nlu [--folds 4] [--workers 2]
                           [--sample 0.2]

Same folds idea as Rasa (stratified by intent; synonyms, regexes and lookup tables in
every fold), same training (`rasa.model_training.train_nlu`), same scoring
(`rasa.nlu.test.get_eval_data`, `evaluate_intents`, `evaluate_entities`), same reports
(intent_report.json, <extractor>_report.json, errors) for the accumulated test folds in
--out. Three differences, all for time:
  - folds are trained and scored in parallel worker processes (--workers, default: one
    per CPU); our pipeline trains on one core, so two folds take the time of one (hence
    4 folds by default: two rounds on two cores, where 5 would take three);
  - only the test fold is scored (Rasa also re-scores the 80 % it trained on, four times
    the predictions, for train figures nobody reads);
  - the folds have a fixed seed, so fold 0 is a reproducible 80/20 hold-out split that
    `make bench` also trains plain Rasa on.
--sample F also writes <out>/sample/train.yml: a stratified sample of fold 0's training
part holding a fraction F of all examples (`make bench` trains plain Rasa and ours on it
and scores both on fold 0's test part).

Writes, besides the reports: <out>/folds/fold_<i>/{train,test}.yml, <out>/sample/train.yml,
per-job reports in <out>/jobs/<name>/, and a summary in <out>/cv_summary.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

SEED = 42


def _quiet_worker() -> None:
    # Each worker trains on one core; no BLAS or TensorFlow thread pools competing.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "TF_INTRA_OP_PARALLELISM_THREADS", "TF_INTER_OP_PARALLELISM_THREADS"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    # Folds never share a trained component, and two workers on one cache database
    # would lock each other out: no training cache.
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"
    # Custom components (server.nlu) are found from the project root, as `rasa train` does.
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    # The same training as `make train` (server/training_speedups.py: same models, faster).
    from server import training_speedups

    training_speedups.install()
    # Unconfigured, Rasa's structlog prints a debug line per parsed message.
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


def write_folds(data_dir: str, k: int, out: Path, sample: float | None) -> dict[str, Any]:
    """Stratified k folds (fixed seed) of the intent examples, plus fold 0's sample."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedKFold, train_test_split

    data = load_data(data_dir)
    examples = data.intent_examples
    labels = [example.get_full_intent() for example in examples]

    def dump(path: Path, subset: list) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        RasaYAMLWriter().dump(path, TrainingData(
            training_examples=subset, entity_synonyms=data.entity_synonyms,
            regex_features=data.regex_features, lookup_tables=data.lookup_tables))

    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED).split(examples, labels)
    jobs, sampled = [], None
    for i, (train_index, test_index) in enumerate(folds):
        fold = out / "folds" / f"fold_{i}"
        dump(fold / "train.yml", [examples[j] for j in train_index])
        dump(fold / "test.yml", [examples[j] for j in test_index])
        jobs.append({"name": f"fold_{i}", "train": str(fold / "train.yml"),
                     "test": str(fold / "test.yml"), "train_examples": len(train_index)})
        if i == 0 and sample:
            keep = min(round(sample * len(examples)), len(train_index))
            chosen = list(train_index)
            if keep < len(train_index):
                chosen, _ = train_test_split(chosen, train_size=keep, random_state=SEED,
                                             stratify=[labels[j] for j in train_index])
            dump(out / "sample" / "train.yml", [examples[j] for j in chosen])
            sampled = len(chosen)
    return {"examples": len(examples), "jobs": jobs, "sample_examples": sampled}


def train_and_score(config: str, job: dict, model_dir: str) -> dict:
    """In a worker: train on job["train"], parse job["test"] with the trained model."""
    import rasa.model_training
    from rasa.core.agent import Agent
    from rasa.nlu.test import get_eval_data
    from rasa.shared.nlu.training_data.loading import load_data

    started, usage = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    model = rasa.model_training.train_nlu(config, job["train"], model_dir,
                                          fixed_model_name=job["name"])
    after = resource.getrusage(resource.RUSAGE_SELF)
    train_s = time.perf_counter() - started
    train_cpu_s = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    processor = Agent.load(model).processor
    intents, _, entities = asyncio.run(get_eval_data(processor, load_data(job["test"])))
    entities = [without_roles(result) for result in entities]
    return {**job, "model": model, "model_mb": Path(model).stat().st_size / 1e6,
            "train_s": train_s, "train_cpu_s": train_cpu_s,
            "intent_results": intents, "entity_results": entities}


def without_roles(result: Any) -> Any:
    """The training data marks entity types and spans, not roles: the predictions are scored
    on type and span alone (the roles the reader adds, e.g. country as location or
    destination, are tested by tests/test_understanding.py and the end-to-end answers)."""
    predictions = [{key: value for key, value in entity.items() if key != "role"}
                   for entity in result.entity_predictions]
    return result._replace(entity_predictions=predictions)


def report(intent_results: list, entity_results: list, out: Path) -> dict[str, float | None]:
    """Rasa's own reports for these predictions in `out`; weighted F1 per part."""
    from rasa.nlu.test import _get_active_entity_extractors, evaluate_entities, evaluate_intents

    out.mkdir(parents=True, exist_ok=True)
    figures: dict[str, float | None] = {"intent_f1": None, "entity_f1": None}
    if intent_results:
        result = evaluate_intents(intent_results, str(out), successes=False, errors=True,
                                  disable_plotting=True, report_as_dict=True)
        figures["intent_f1"] = result["report"]["weighted avg"]["f1-score"]
    if any(entity_results):
        extractors = _get_active_entity_extractors(entity_results)
        result = evaluate_entities(entity_results, extractors, str(out), successes=False,
                                   errors=True, disable_plotting=True, report_as_dict=True)
        for extractor_result in result.values():
            averages = extractor_result["report"]
            weighted = averages.get("weighted avg") or averages.get("micro avg") or {}
            figures["entity_f1"] = weighted.get("f1-score")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--data", default="data/nlu")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=float, default=None,
                        help="also write a stratified sample of fold 0's training part "
                             "holding this fraction of all examples")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")

    _quiet_worker()
    started = time.perf_counter()
    plan = write_folds(args.data, args.folds, args.out, args.sample)
    models = args.out / "models"
    workers = max(1, min(args.workers, len(plan["jobs"])))
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                             initializer=_quiet_worker) as pool:
        futures = [pool.submit(train_and_score, args.config, job, str(models))
                   for job in plan["jobs"]]
        done = [future.result() for future in futures]

    summary: dict[str, Any] = {"examples": plan["examples"], "folds": args.folds,
                               "workers": workers, "sample_examples": plan["sample_examples"],
                               "jobs": {}}
    for job in done:
        figures = report(job["intent_results"], job["entity_results"], args.out / "jobs" / job["name"])
        summary["jobs"][job["name"]] = {
            key: job[key] for key in ("train", "test", "train_examples", "model", "model_mb",
                                      "train_s", "train_cpu_s")} | figures
        print(f"{job['name']}: {job['train_examples']} training examples, trained in "
              f"{job['train_s']:.0f} s; intent F1 {figures['intent_f1']:.3f}", flush=True)
    folds = [job for job in done if job["name"].startswith("fold_")]
    accumulated = report([r for job in folds for r in job["intent_results"]],
                         [r for job in folds for r in job["entity_results"]], args.out)
    per_fold = [summary["jobs"][job["name"]]["intent_f1"] for job in folds]
    summary["cv"] = accumulated | {
        "intent_f1_fold_mean": statistics.mean(per_fold),
        "intent_f1_fold_stdev": statistics.stdev(per_fold),
        "train_cpu_s": sum(job["train_cpu_s"] for job in folds)}
    summary["wall_s"] = time.perf_counter() - started
    (args.out / "cv_summary.json").write_text(json.dumps(summary, indent=2))
    print(f"{args.folds}-fold cross-validation ({workers} workers, {summary['wall_s']:.0f} s): "
          f"intent F1 {accumulated['intent_f1']:.3f} (folds {statistics.mean(per_fold):.3f} "
          f"± {statistics.stdev(per_fold):.3f}), entity F1 {accumulated['entity_f1'] or 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
