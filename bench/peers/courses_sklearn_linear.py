#!/usr/bin/env python3
"""Course classification baselines: the pipelines a scikit-learn user would write in a few lines, at
scikit-learn's defaults, not tuned. Unlike courses_sklearn.py it does not mirror the Spark job: it says
what off-the-shelf linear text classifiers reach on a catalogue and its fixed train/test split.

    courses_sklearn_linear.py --train FILE --test FILE [--pipeline tfidf_lr|tfidf_sublinear_svc|char_wb_svc|all]

FILE: JSON lines with title, content and category (every line must have all three). Text = title + " " +
content, or the title alone when content equals it (catalogues with titles only). Pipelines:
    tfidf_lr             TfidfVectorizer() + LogisticRegression()
    tfidf_sublinear_svc  TfidfVectorizer(sublinear_tf=True) + LinearSVC()
    char_wb_svc          TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True) + LinearSVC()
One JSON line per pipeline on stdout: accuracy and macro F1 on the test file, seconds to fit (vectoriser
and model) and to predict (vectoriser and model), and whether the solver warned that it did not converge.
"""
import argparse
import json
import sys
import time
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

PIPELINES = {
    "tfidf_lr": lambda: make_pipeline(TfidfVectorizer(), LogisticRegression()),
    "tfidf_sublinear_svc": lambda: make_pipeline(TfidfVectorizer(sublinear_tf=True), LinearSVC()),
    "char_wb_svc": lambda: make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True), LinearSVC()),
}


def read(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                title, content = r["title"], r["content"]
                texts.append(title if content == title else f"{title} {content}")
                labels.append(r["category"])
    return texts, labels


def run(name, train, test):
    model = PIPELINES[name]()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        t = time.perf_counter()
        model.fit(*train)
        train_seconds = time.perf_counter() - t
    t = time.perf_counter()
    predicted = model.predict(test[0])
    predict_seconds = time.perf_counter() - t
    return {
        "pipeline": name, "n_train": len(train[0]), "n_test": len(test[0]),
        "accuracy": round(accuracy_score(test[1], predicted), 4),
        "macro_f1": round(f1_score(test[1], predicted, average="macro", zero_division=0), 4),
        "train_seconds": round(train_seconds, 3), "predict_seconds": round(predict_seconds, 3),
        "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--pipeline", default="all", choices=[*PIPELINES, "all"])
    args = parser.parse_args(argv)
    train, test = read(args.train), read(args.test)
    for name in PIPELINES if args.pipeline == "all" else [args.pipeline]:
        print(json.dumps(run(name, train, test)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
