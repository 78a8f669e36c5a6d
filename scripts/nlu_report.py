"""Summarise `rasa test nlu --cross-validation` output as a small Markdown table.

    python scripts/nlu_report.py results/nlu
"""
import json
import sys
from pathlib import Path


# `rasa test nlu` names the entity report after the extractor class.
ENTITY_REPORTS = ("StoredCRFEntityExtractor_report.json", "CRFEntityExtractor_report.json",
                  "DIETClassifier_report.json")


def summary(folder: Path) -> dict:
    """{"intent"|"entity": (weighted F1, precision, recall)} from a `rasa test nlu` output folder."""
    figures = {}
    entity_report = next((name for name in ENTITY_REPORTS if (folder / name).exists()), None)
    for label, name in (("intent", "intent_report.json"), ("entity", entity_report)):
        if name and (folder / name).exists():
            report = json.loads((folder / name).read_text())
            weighted = report.get("weighted avg") or report.get("micro avg") or {}
            figures[label] = (weighted.get("f1-score"), weighted.get("precision"), weighted.get("recall"))
    return figures


def main(folder: Path) -> None:
    figures = summary(folder)
    print("| | F1 | precision | recall |\n|---|---|---|---|")
    for label, (f1, precision, recall) in figures.items():
        print(f"| {label} | {f1:.3f} | {precision:.3f} | {recall:.3f} |")
    intents = folder / "intent_report.json"
    if intents.exists():
        report = json.loads(intents.read_text())
        weak = sorted((v["f1-score"], k) for k, v in report.items()
                      if isinstance(v, dict) and "support" in v and k not in {"micro avg", "macro avg", "weighted avg"})
        print("\nweakest intents: " + ", ".join(f"{k} {f:.2f}" for f, k in weak[:6]))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu"))
