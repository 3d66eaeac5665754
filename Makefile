# zhkg — two commands on a fresh machine: `make run` and `make test`.
# Training targets rebuild a model only when its data, config or script changed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
CORPORA := $(SHARED)/corpora
INPUT  ?= seeds
OUT    ?= out
PAPER  ?=
PAPER_ARG = $(if $(PAPER),--paper $(PAPER))
export OMP_NUM_THREADS ?= 1

.DEFAULT_GOAL := help
.PHONY: help setup run test batch eval bench train train-seg train-ner train-topics train-relations baseline-seg clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(VENV)/.installed  ## create .venv with the pinned dependencies

run: setup  ## run the pipeline on INPUT (default seeds/) into OUT (default out/) [PAPER=name]
	$(BIN)/zhkg run $(INPUT) --out $(OUT) $(PAPER_ARG)

test: setup  ## run the test suite (tests needing ../shared skip when it is absent)
	$(BIN)/pytest -q

WORKERS ?= 2
batch: setup  ## resumable batch run: make batch INPUT=folder OUT=dir [WORKERS=2] [PAPER=name]
	$(BIN)/zhkg batch $(INPUT) --out $(OUT) --workers $(WORKERS) $(PAPER_ARG)

eval: setup  ## precision/recall/F1 per stage on the dev splits and the seed gold
	$(BIN)/python -m pipeline.evaluate

bench: setup  ## throughput and peak memory at 1k and 10k docs, against jieba.posseg and LAC (BENCH_ARGS=--no-dask ...)
	$(BIN)/python -m pipeline.bench $(BENCH_ARGS)

train: train-seg train-ner train-topics train-relations  ## retrain every stale model

train-seg: models/seg/weights.npz  ## segmentation model (pkuseg, People's Daily 1998)
models/seg/weights.npz: pipeline/training/seg.py $(CORPORA)/pd1998_jan_full_train.jsonl $(CORPORA)/pd1998_feb_seg_train.jsonl
	$(BIN)/python -m pipeline.training.seg --work build/seg --out models/seg --iters 6

train-ner: models/ner/meta.json  ## character NER model (MSRA, CLUENER, Resume, People's Daily)
build/ner/train.spacy: pipeline/training/ner_data.py configs/ner_labels.json configs/posts.json
	$(BIN)/python -m pipeline.training.ner_data --out build/ner
# Three stages, as the committed model was trained: from scratch, then twice resumed from
# the best checkpoint (sourced components, fresh optimizer), the last time at a lower
# learning rate; see models/README.md.
NER_STAGE1_STEPS ?= 8000
NER_STAGE2_STEPS ?= 5000
NER_STAGE3_STEPS ?= 3000
NER_STAGE3_RATE  ?= 0.0003
models/ner/meta.json: build/ner/train.spacy configs/ner_char.cfg pipeline/training/ner.py
	$(BIN)/python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/stage1 --max-steps $(NER_STAGE1_STEPS)
	$(BIN)/python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/stage2 \
		--resume build/ner/stage1/model-best --max-steps $(NER_STAGE2_STEPS)
	$(BIN)/python -m pipeline.training.ner --config configs/ner_char.cfg --out build/ner/model \
		--resume build/ner/stage2/model-best --max-steps $(NER_STAGE3_STEPS) --learn-rate $(NER_STAGE3_RATE)
	$(BIN)/python -m pipeline.training.ner --export build/ner/model/model-best models/ner

train-topics: models/topics/model.npz  ## topic classifier (THUCNews, Toutiao, NLPCC 2017, Fudan + weak labels)
models/topics/model.npz: pipeline/training/topics.py pipeline/topics.py configs/taxonomy.json configs/topic_maps.json
	$(BIN)/python -m pipeline.training.topics

train-relations: models/relations/model.json  ## pairing classifier (hand annotations on CLUENER / Resume)
models/relations/model.json: pipeline/training/relations.py tests/gold/relation_annotations.jsonl
	$(BIN)/python -m pipeline.training.relations

clean:  ## remove outputs and training scratch (keeps .venv and models/)
	rm -rf $(OUT) build .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

baseline-seg: build/pkuseg_mixed/weights.npz  ## fetch pkuseg's shipped mixed model (180 MB, not committed) as the eval baseline
build/pkuseg_mixed/weights.npz:
	rm -rf build/pkuseg_sdist && $(PYTHON) -m venv build/pkuseg_sdist/venv
	build/pkuseg_sdist/venv/bin/pip install -q numpy "cython<3" "setuptools<81" wheel
	cd build/pkuseg_sdist && venv/bin/pip download -q --no-deps --no-binary :all: --no-build-isolation pkuseg==0.0.25 -d . && tar xzf pkuseg-0.0.25.tar.gz
	mkdir -p build/pkuseg_mixed && cp build/pkuseg_sdist/pkuseg-0.0.25/pkuseg/models/default/features.pkl build/pkuseg_sdist/pkuseg-0.0.25/pkuseg/models/default/weights.npz build/pkuseg_mixed/
