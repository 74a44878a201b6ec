"""Key figures against the hand-labelled truth: precision and recall of (value, unit) and of ``what``.

    python bench/figures_bench.py [--verbose]

The truth (tests/domain/data/figures_truth.json) covers the effect sections of 18 bundled cases, labelled by
reading; the rules are in tests/domain/data/FIGURES-LABELLING.md. A predicted figure matches a true one of the
same case when value (and the upper end of a range) and unit agree; each true figure matches at most once.
Of matched pairs, ``what`` is scored two ways: exact (same string) and overlap (one contains the other).
Also prints the extraction time over the whole bundled casebook (median of 7 runs) beside a baseline
measured in the same run: walking the same segments and finding every run of digits.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader import resources  # noqa: E402
from reader.domain.figures import Figure, extract  # noqa: E402
from reader.domain.text import case_segments  # noqa: E402
from reader.storage.casebook import Casebook  # noqa: E402

TRUTH = ROOT / "tests" / "domain" / "data" / "figures_truth.json"


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) or round(a, 2) == round(b, 2)


def _what_match(pred: str, true: str, *, exact: bool) -> bool:
    if exact:
        return pred == true
    return bool(pred) and bool(true) and (pred in true or true in pred)


def score(truth: dict[str, list[list]], predicted: dict[str, list[Figure]], *, verbose: bool = False) -> dict:
    tp = n_pred = n_true = 0
    what_pred = what_true = what_exact = what_overlap = 0
    for case_id, rows in truth.items():
        preds = predicted.get(case_id, [])
        n_pred += len(preds)
        n_true += len(rows)
        unmatched = list(range(len(rows)))
        for f in preds:
            hit = next(
                (
                    i
                    for i in unmatched
                    if _same(f.value, rows[i][1]) and _same(f.high, rows[i][2]) and f.unit == rows[i][3]
                ),
                None,
            )
            if hit is None:
                if verbose:
                    print(f"  FP {case_id}: {f.text!r} {f.value} {f.high} {f.unit} | {f.sentence[:40]}")
                continue
            unmatched.remove(hit)
            tp += 1
            true_what = rows[hit][4]
            what_pred += bool(f.what)
            what_true += bool(true_what)
            what_exact += bool(true_what) and _what_match(f.what, true_what, exact=True)
            what_overlap += _what_match(f.what, true_what, exact=False)
            if verbose and not _what_match(f.what, true_what, exact=False) and (f.what or true_what):
                print(f"  what {case_id}: {f.text!r} predicted {f.what!r}, truth {true_what!r}")
        if verbose:
            for i in unmatched:
                print(f"  FN {case_id}: {rows[i][0]!r} {rows[i][1]} {rows[i][2]} {rows[i][3]}")
    return {
        "figures_true": n_true,
        "figures_predicted": n_pred,
        "value_unit_precision": tp / n_pred if n_pred else 1.0,
        "value_unit_recall": tp / n_true if n_true else 1.0,
        "what_exact_precision": what_exact / what_pred if what_pred else 1.0,
        "what_exact_recall": what_exact / what_true if what_true else 1.0,
        "what_overlap_precision": what_overlap / what_pred if what_pred else 1.0,
        "what_overlap_recall": what_overlap / what_true if what_true else 1.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    ap.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="also print N random figures of cases outside the truth, to read",
    )
    args = ap.parse_args()
    data = json.loads(TRUTH.read_text(encoding="utf-8"))
    book = Casebook.open(resources.casebook_path())
    for name, key in (("labelled before the extractor", "cases"), ("held out (after it was frozen)", "heldout")):
        truth = data.get(key, {})
        if not truth:
            continue
        if args.verbose:
            print(f"-- {name}")
        predicted = {cid: extract(book.case(cid), lead=False) for cid in truth}
        s = score(truth, predicted, verbose=args.verbose)
        print(f"{name}: {len(truth)} cases, {s['figures_true']} figures; predicted {s['figures_predicted']}")
        print(
            f"  (value, unit)  precision {s['value_unit_precision']:.3f}  recall {s['value_unit_recall']:.3f}"
            "  (goal >= 0.9)"
        )
        print(f"  what, exact    precision {s['what_exact_precision']:.3f}  recall {s['what_exact_recall']:.3f}")
        print(f"  what, overlap  precision {s['what_overlap_precision']:.3f}  recall {s['what_overlap_recall']:.3f}")

    cases = book.cases()
    if args.sample:
        import random

        labelled = set(data.get("cases", {})) | set(data.get("heldout", {}))
        pool = [f for c in cases if c.id not in labelled for f in extract(c)]
        random.seed(20)
        for f in random.sample(pool, min(args.sample, len(pool))):
            k = f.sentence.find(f.text)
            context = f.sentence[max(0, k - 18) : k + len(f.text) + 14]
            print(f"  {f.case_id:<16} {f.text!r:<16} = {f.value} {f.high or ''} {f.unit}  what={f.what!r}  | {context}")
    runs, base = [], []
    for _ in range(7):
        t0 = time.perf_counter()
        figures = [f for c in cases for f in extract(c)]
        runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()  # baseline: walk the same segments and find every digit run
        [re.findall(r"\d+", s.text) for c in cases for s in case_segments(c)]
        base.append(time.perf_counter() - t0)
    med, med_base = statistics.median(runs), statistics.median(base)
    print(
        f"whole casebook: {len(cases)} cases, {len(figures)} figures; extraction median {med * 1000:.1f} ms, "
        f"baseline (segments + digit regex) {med_base * 1000:.1f} ms, ratio {med / med_base:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
