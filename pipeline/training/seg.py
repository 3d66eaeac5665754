"""Train the project's spacy-pkuseg segmentation model on People's Daily 1998 (PKU standard).

Usage: ``python -m pipeline.training.seg --work build/seg --out models/seg --iters 8``

January (full month, with POS) and February (words only) 1998 are pooled; one paragraph in
``DEV_SHARE`` (by a stable hash) is kept as the dev split and never trained on. The January
subset file is contained in the full-month file and is not read. NLPCC 2016 Weibo follows
other guidelines, so it is only scored, not trained on.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Iterable, Iterator

import numpy as np
import srsly

from pipeline.corpora import is_dev, read_jsonl, record_key
from pipeline.repair import normalize_width

TRAIN_CORPORA = ("pd1998_jan_full_train.jsonl", "pd1998_feb_seg_train.jsonl")


def gold_sentences(split: str) -> Iterator[list[str]]:
    """Yield word lists of the People's Daily paragraphs in ``split`` ("train" or "dev")."""
    for name in TRAIN_CORPORA:
        for record in read_jsonl(name):
            if is_dev(record_key(record)) == (split == "dev"):
                words = [normalize_width(w) for w in record["words"] if w.strip()]
                if words:
                    yield words


def write_pkuseg_file(sentences: Iterable[list[str]], path: Path) -> int:
    """Write one sentence per line, words separated by spaces; return the word count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for words in sentences:
            out.write(" ".join(words) + "\n")
            count += len(words)
    return count


def prune_model(src: Path, dst: Path, threshold: float) -> dict:
    """Copy a trained pkuseg model, dropping features whose weights all round to zero.

    pkuseg keeps every feature seen in training (and a bigram set it never reads when
    segmenting); features whose largest absolute weight is below ``threshold`` change no
    decision worth keeping. Weights are rounded to float16 precision and stored compressed
    (pkuseg's inference needs float64 arrays, which ``np.load`` restores).
    """
    data = srsly.read_msgpack(src / "features.msgpack")
    feature_to_idx = data["feature_to_idx"]
    npz = np.load(src / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    weights = npz["w"]
    node = weights[: n_feature * n_tag].reshape(n_feature, n_tag)
    edge = weights[n_feature * n_tag :]
    keep = np.abs(node).max(axis=1) >= threshold
    keep[0] = True  # the "$$" start feature is always present
    new_index = np.cumsum(keep) - 1
    features = {f: int(new_index[i]) for f, i in feature_to_idx.items() if keep[i]}
    kept_node = node[keep].astype(np.float16).astype(np.float64)
    dst.mkdir(parents=True, exist_ok=True)
    data.update(bigram=[], feature_to_idx=features)
    srsly.write_msgpack(dst / "features.msgpack", data)
    np.savez_compressed(
        dst / "weights.npz",
        sizes=np.array([n_tag, len(features)]),
        w=np.concatenate([kept_node.reshape(-1), edge]),
    )
    return {"features_before": n_feature, "features_after": len(features)}


def configure_pkuseg(work: Path, raw: Path) -> None:
    """Point pkuseg's global training config at files under ``work`` (kept between runs)."""
    from spacy_pkuseg.config import config

    config._tmp_dir = SimpleNamespace(name=str(work / "pkuseg_tmp"))
    config.trainFile, config.testFile = str(work / "train.txt"), str(work / "dev.txt")
    config.modelDir, config.nThread, config.init_model = str(raw), 1, None
    os.makedirs(config.outDir, exist_ok=True)
    raw.mkdir(parents=True, exist_ok=True)
    (work / "last_model").mkdir(exist_ok=True)
    for name, log in (("swLog", config.fLog), ("swResRaw", config.fResRaw), ("swTune", config.fTune)):
        setattr(config, name, open(os.path.join(config.outDir, log), "w", encoding="utf-8"))


def extract_features(raw: Path) -> None:
    """Build pkuseg's feature set from the training file and index train and dev."""
    from spacy_pkuseg.config import config
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    extractor = FeatureExtractor()
    extractor.build(config.trainFile)
    extractor.save(str(raw))
    for text, feats, index, gold in (
        (config.trainFile, config.f_train, config.fFeatureTrain, config.fGoldTrain),
        (config.testFile, config.f_test, config.fFeatureTest, config.fGoldTest),
    ):
        conll = feats.replace(".feat.", ".conll.")
        extractor.convert_text_file_to_feature_file(text, conll, feats)
        extractor.convert_feature_file_to_idx_file(feats, index, gold)
        os.remove(feats)


def train(work: Path, out: Path, iters: int, threshold: float) -> None:
    """Convert the corpora, train pkuseg, and prune the best iteration (dev F1) into ``out``.

    pkuseg's own ``train`` saves only after the last iteration; this loop saves after every
    iteration, so the iteration count is chosen by dev F1 and an interrupted run keeps its
    best model. Extracted features are reused when the training files did not change.
    """
    from spacy_pkuseg.config import config
    from spacy_pkuseg.data import DataSet
    from spacy_pkuseg.feature_extractor import FeatureExtractor
    from spacy_pkuseg.trainer import Trainer

    raw = work / "raw_model"
    configure_pkuseg(work, raw)
    if not Path(config.fFeatureTrain).exists():
        n_train = write_pkuseg_file(gold_sentences("train"), work / "train.txt")
        n_dev = write_pkuseg_file(gold_sentences("dev"), work / "dev.txt")
        print(f"train words: {n_train}, dev words: {n_dev}", flush=True)
        extract_features(raw)
    trainset = DataSet.load(config.fFeatureTrain, config.fGoldTrain)
    devset = DataSet.load(config.fFeatureTest, config.fGoldTest)
    trainer = Trainer(config, trainset, FeatureExtractor.load(str(raw)))
    best = 0.0
    for iteration in range(iters):
        start = time.time()
        trainer.train_epoch()
        trainer.model.save(str(work / "last_model"))
        f1 = trainer.test(devset, iteration)[0]
        print(f"iteration {iteration}: dev F1 {f1:.2f} ({time.time() - start:.0f}s)", flush=True)
        if f1 > best:
            best = f1
            trainer.model.save(str(raw))
            print(prune_model(raw, out, threshold), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("build/seg"))
    parser.add_argument("--out", type=Path, default=Path("models/seg"))
    parser.add_argument("--iters", type=int, default=8)
    parser.add_argument("--threshold", type=float, default=0.02)
    parser.add_argument("--prune-only", action="store_true", help="prune an already trained model")
    args = parser.parse_args()
    if args.prune_only:
        print(prune_model(args.work / "raw_model", args.out, args.threshold))
    else:
        train(args.work, args.out, args.iters, args.threshold)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
