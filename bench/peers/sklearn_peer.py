"""scikit-learn peer of the bench's tabular-quality section: sklearn's default models on the split files the
harness wrote (and our side trained on).

Usage: /usr/bin/python3 bench/peers/sklearn_peer.py TRAIN VALID TEST TARGET TASK SEED
TASK is classification or regression. Each model is a Pipeline as a user would write it: numeric columns get
median imputation (+ standard scaling for the linear model and the MLP), the other columns most-frequent
imputation and one-hot encoding (unknown levels ignored); every estimator keeps its default settings
(random_state=SEED where it has one). The models fit on TRAIN, as our side's weights do; VALID is not used
(sklearn's defaults need no validation rows). Prints one JSON object: the sklearn version and, per model, the
test metric (accuracy and wrong rows, or R² and RMSE) and the fit's wall seconds. Needs Debian's
python3-sklearn and python3-pandas; never a dependency of the project.
"""
import json
import sys
import time
import warnings

import numpy
import pandas
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def preprocess(frame, scale):
    numeric = [c for c in frame.columns if pandas.api.types.is_numeric_dtype(frame[c])]
    other = [c for c in frame.columns if c not in numeric]
    numeric_steps = [("impute", SimpleImputer(strategy="median"))] + ([("scale", StandardScaler())] if scale else [])
    return ColumnTransformer([
        ("numeric", Pipeline(numeric_steps), numeric),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                  ("onehot", OneHotEncoder(handle_unknown="ignore"))]), other),
    ])


def models(task, seed):
    if task == "classification":
        return [("LogisticRegression", LogisticRegression(), True),
                ("MLP", MLPClassifier(random_state=seed), True),
                ("HistGradientBoosting", HistGradientBoostingClassifier(random_state=seed), False),
                ("RandomForest", RandomForestClassifier(random_state=seed), False)]
    return [("Ridge", Ridge(), True),
            ("MLP", MLPRegressor(random_state=seed), True),
            ("HistGradientBoosting", HistGradientBoostingRegressor(random_state=seed), False),
            ("RandomForest", RandomForestRegressor(random_state=seed), False)]


def read(path, target, task):
    frame = pandas.read_csv(path, na_values=["NA", "", "?"], keep_default_na=True)
    y = frame.pop(target)
    if task == "classification":
        y = y.astype(str)
    return frame, y


def main():
    train_path, _valid_path, test_path, target, task, seed = sys.argv[1:7]
    seed = int(seed)
    x_train, y_train = read(train_path, target, task)
    x_test, y_test = read(test_path, target, task)
    results = []
    for name, estimator, scale in models(task, seed):
        pipeline = Pipeline([("prep", preprocess(x_train, scale)), ("model", estimator)])
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipeline.fit(x_train, y_train)
        seconds = time.perf_counter() - start
        predicted = pipeline.predict(x_test)
        row = {"model": name, "seconds": seconds}
        if task == "classification":
            wrong = int((predicted != y_test.to_numpy()).sum())
            row.update(accuracy=1 - wrong / len(y_test), wrong=wrong)
        else:
            truth = y_test.to_numpy(dtype=float)
            residual = truth - predicted
            row.update(r2=1 - (residual ** 2).sum() / ((truth - truth.mean()) ** 2).sum(),
                       rmse=float(numpy.sqrt((residual ** 2).mean())))
        results.append(row)
    print(json.dumps({"sklearn": sklearn.__version__, "rows": len(y_test), "models": results}))


if __name__ == "__main__":
    main()
