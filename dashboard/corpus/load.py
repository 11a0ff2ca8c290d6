"""Read the whole seeds/ folder into a checked Corpus, collecting every input error before failing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypedDict, TypeVar, cast

from dashboard import errors
from dashboard.corpus.alignments import check_alignments, load_alignments
from dashboard.corpus.ids import symbol_key
from dashboard.corpus.listing import Shown, linked_out, not_plain_files, orphans, seed_names
from dashboard.corpus.segment import Provision, segment_document
from dashboard.corpus.sidecar import DocumentMeta, Vocabulary, load_vocabulary, load_yaml, parse_meta, read_seed
from dashboard.corpus.yamlfile import is_list, is_mapping

# the relations schema's enum (tests/integration checks they agree)
RELATION_KINDS = ("implements", "references", "reviews", "follows_review_of", "supersedes")
# fields each record of seeds/cited.yml needs (the build reads them without defaults)
CITED_FIELDS = {
    "targets": ("document", "text", "kind"),
    "indicators": ("document", "text"),
    "claims": ("document", "field", "value", "status"),
}
_P = ParamSpec("_P")
_T = TypeVar("_T")


class Cited(TypedDict, total=False):
    """seeds/cited.yml: secondary targets, reported indicators and competing claims, each a list of records
    (CITED_FIELDS names the fields each record needs)."""

    targets: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    claims: list[dict[str, Any]]


@dataclass
class SeedDocument:
    """A held document: its sidecar facts, raw text and provisions."""

    meta: DocumentMeta
    raw: str
    provisions: list[Provision]


@dataclass
class Corpus:
    """Everything the build needs from seeds/, checked."""

    vocabulary: Vocabulary
    package: dict[str, Any]
    documents: list[SeedDocument]
    referenced: list[DocumentMeta]
    relations: list[dict[str, Any]]
    cited: Cited
    notes: list[dict[str, Any]]
    alignments: list[Any] = field(default_factory=list[Any])
    _keys: dict[str, str] = field(default_factory=dict[str, str])

    def all_meta(self) -> list[DocumentMeta]:
        """Return held and referenced documents, held first, each in date order."""
        return [d.meta for d in self.documents] + self.referenced

    def resolve(self, ref: str) -> str | None:
        """Return the document id for an id or a symbol (any case), or None (also for a symbol that several
        documents share: only their ids tell them apart)."""
        if not self._keys:
            shared = self.shared_symbols()
            for meta in self.all_meta():
                self._keys.setdefault(meta.id.casefold(), meta.id)
                if symbol_key(meta.symbol) not in shared:
                    self._keys.setdefault(symbol_key(meta.symbol), meta.id)
        return self._keys.get(ref.casefold()) or self._keys.get(symbol_key(ref))

    def shared_symbols(self) -> dict[str, list[str]]:
        """Return the symbols (as keys) that more than one document bears, with those documents' ids. A version of a
        document in another language (`version_of`) bears its document's symbol by design and is not counted: the
        symbol names the document."""
        ids: dict[str, list[str]] = {}
        for meta in self.all_meta():
            if getattr(meta, "version_of", ""):
                continue
            ids.setdefault(symbol_key(meta.symbol), []).append(meta.id)
        return {key: found for key, found in ids.items() if len(found) > 1}

    def provisions(self) -> list[Provision]:
        """Return every provision of every held document in corpus order."""
        return [p for d in self.documents for p in d.provisions]


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


DocumentLoader = Callable[[list[Path], Vocabulary, Shown], list["SeedDocument | errors.InputError"]]


def load_corpus(seeds_dir: Path, load_documents: DocumentLoader | None = None) -> Corpus:
    """Read and check seeds/; raise BuildFailed listing every problem found.

    `load_documents(texts, vocabulary, shown)` reads the seed texts, returning a document or the input error of
    each, in order (the default reads them one by one here; the build's may fan them out over processes).
    """
    problems: list[errors.InputError] = []
    shown: Shown = lambda p: _display(p, seeds_dir)  # noqa: E731

    def attempt(fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T | None:
        try:
            return fn(*args, **kwargs)
        except errors.InputError as exc:
            problems.append(exc)
            return None

    if not seeds_dir.is_dir():
        raise errors.BuildFailed([errors.InputError(str(seeds_dir), "folder", "seeds folder not found")])
    names, links = seed_names(seeds_dir)
    outside = linked_out(seeds_dir, links)
    if outside:  # refuse before reading anything: a symlinked seed must not publish a file from elsewhere
        raise errors.BuildFailed(
            [
                errors.OutsideSeeds(shown(seeds_dir / name), "file", "links to a file outside the seeds folder")
                for name in outside
            ]
        )
    odd = not_plain_files(seeds_dir, names, shown)
    if odd:  # a FIFO would block the build forever on open(); a folder or device is no seed either
        raise errors.BuildFailed(odd)
    vocabulary = attempt(load_vocabulary, seeds_dir / "vocabulary.yml", shown(seeds_dir / "vocabulary.yml"))
    if vocabulary is None:
        raise errors.BuildFailed(
            problems or [errors.MissingSidecar(shown(seeds_dir / "vocabulary.yml"), "file", "vocabulary file missing")]
        )
    package: dict[str, Any] = _optional_yaml(seeds_dir / "package.yml", shown, attempt, {}) or {}
    documents: list[SeedDocument] = []
    text_names = [name for name in names if name.endswith(".txt")]
    texts = [seeds_dir / name for name in text_names]
    for orphan in orphans(names, set(text_names)):
        problems.append(
            errors.InputError(shown((seeds_dir / orphan).with_suffix(".yml")), "file", f"no seed text {orphan}")
        )
    loaded = (load_documents or _load_each)(texts, vocabulary, shown)
    problems.extend(d for d in loaded if isinstance(d, errors.InputError))
    documents.extend(d for d in loaded if isinstance(d, SeedDocument))
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.meta.id in seen:
            problems.append(
                errors.DuplicateId(
                    shown(seeds_dir / doc.meta.seed_file.replace(".txt", ".yml")),
                    "id",
                    f"{doc.meta.id!r} is already the id of {seen[doc.meta.id]}",
                )
            )
        seen.setdefault(doc.meta.id, doc.meta.seed_file)
    referenced: list[DocumentMeta] = []
    ref_path = seeds_dir / "references.yml"
    for i, item in enumerate(_optional_yaml(ref_path, shown, attempt, []) or []):
        meta = attempt(parse_meta, item, vocabulary, f"{shown(ref_path)} item {i + 1}", held=False)
        if meta and meta.id in seen:
            problems.append(errors.DuplicateId(shown(ref_path), f"item {i + 1}.id", f"{meta.id!r} is already held"))
        elif meta:
            seen[meta.id] = "references.yml"
            referenced.append(meta)
    documents.sort(key=lambda d: (d.meta.issued, d.meta.id))
    referenced.sort(key=lambda m: (m.issued, m.id))
    corpus = Corpus(
        vocabulary=vocabulary,
        package=package,
        documents=documents,
        referenced=referenced,
        relations=_optional_yaml(seeds_dir / "relations.yml", shown, attempt, []) or [],
        cited=_optional_yaml(seeds_dir / "cited.yml", shown, attempt, {}) or {},
        notes=_optional_yaml(seeds_dir / "notes.yml", shown, attempt, []) or [],
    )
    align_path = seeds_dir / "alignments.yml"
    if align_path.exists():
        corpus.alignments = attempt(load_alignments, align_path, shown(align_path)) or []
    if not problems:  # references to a document that failed to load would only repeat its error
        problems.extend(_check_shared_symbols(corpus, seeds_dir, shown))
        problems.extend(_check_references(corpus, seeds_dir, shown))
        problems.extend(version_problems(corpus, seeds_dir, shown))
        held = {d.meta.id for d in documents}
        problems.extend(
            check_alignments(
                corpus.alignments,
                shown(align_path),
                lambda ref: corpus.resolve(ref) if corpus.resolve(ref) in held else None,
                {p.id for p in corpus.provisions()},
            )
        )
    if problems:
        raise errors.BuildFailed(problems)
    return corpus


def version_problems(corpus: Corpus, seeds_dir: Path, shown: Shown) -> list[errors.InputError]:
    """Return the problems of `version_of`: it must name a held document that is not itself a version, in another
    language, and a document has at most one version per language."""
    problems: list[errors.InputError] = []
    held = {d.meta.id: d.meta for d in corpus.documents}
    languages: dict[str, set[str]] = {doc_id: {meta.language} for doc_id, meta in held.items()}
    for meta in (d.meta for d in corpus.documents if d.meta.version_of):
        where = shown(seeds_dir / meta.seed_file.replace(".txt", ".yml"))
        main = held.get(meta.version_of)
        if main is None:
            known = "only referenced, not held" if corpus.resolve(meta.version_of) else "not in seeds/"
            problems.append(
                errors.UnknownReference(where, "version_of", f"unknown document {meta.version_of!r} ({known})")
            )
        elif main.version_of:
            problems.append(
                errors.InvalidField(
                    where, "version_of", f"{main.id!r} is itself a version of {main.version_of!r}; name that one"
                )
            )
        elif meta.language in languages[main.id]:
            problems.append(
                errors.DuplicateId(where, "language", f"{main.id!r} already has a version in {meta.language!r}")
            )
        else:
            languages[main.id].add(meta.language)
    return problems


def _optional_yaml(path: Path, shown: Shown, attempt: Callable[..., Any], default: Any) -> Any:
    if not path.exists():
        return default
    return attempt(load_yaml, path, shown(path))


def _load_each(texts: list[Path], vocabulary: Vocabulary, shown: Shown) -> list[SeedDocument | errors.InputError]:
    out: list[SeedDocument | errors.InputError] = []
    for text_path in texts:
        try:
            out.append(load_document(text_path, vocabulary, shown))
        except errors.InputError as exc:
            out.append(exc)
    return out


def load_document(text_path: Path, vocabulary: Vocabulary, shown: Shown) -> SeedDocument:
    sidecar = text_path.with_suffix(".yml")
    if not sidecar.exists():
        raise errors.MissingSidecar(shown(text_path), "sidecar", f"no metadata sidecar {sidecar.name} beside it")
    data = load_yaml(sidecar, shown(sidecar), "sidecar")
    raw = read_seed(text_path, shown(text_path))
    meta = parse_meta(data, vocabulary, shown(sidecar), held=True, seed_file=text_path.name)
    provisions = segment_document(raw, meta, shown(sidecar))
    if not provisions:
        raise errors.SpanNotFound(shown(sidecar), "body", "the body span holds no text")
    return SeedDocument(meta=meta, raw=raw, provisions=provisions)


def _check_shared_symbols(corpus: Corpus, seeds_dir: Path, shown: Shown) -> list[errors.InputError]:
    """A symbol borne by two documents (numbers restart with a new term or year) is refused unless each of them
    says which it is in `symbol_note:` ("the 2013 resolution, not the 1994 one"); references then need the id."""
    problems: list[errors.InputError] = []
    every = corpus.all_meta()
    at: dict[str, list[int]] = {}  # each id's places in `every` (one pass: not one pass per shared symbol)
    for i, meta in enumerate(every):
        at.setdefault(meta.id, []).append(i)
    for ids in corpus.shared_symbols().values():
        metas = [every[i] for i in sorted(i for doc_id in set(ids) for i in at[doc_id])]
        for meta in metas:
            if meta.symbol_note:
                continue
            file = (
                shown(seeds_dir / meta.seed_file.replace(".txt", ".yml"))
                if meta.held
                else shown(seeds_dir / "references.yml")
            )
            others = ", ".join(f"{m.id} ({m.issued.year})" for m in metas if m.id != meta.id)
            problems.append(
                errors.DuplicateId(
                    file,
                    "symbol",
                    f"{meta.symbol!r} is also the symbol of {others}; "
                    "add symbol_note: to each, saying which document this is",
                )
            )
    return problems


def _check_references(corpus: Corpus, seeds_dir: Path, shown: Shown) -> list[errors.InputError]:
    problems: list[errors.InputError] = []
    # package, relations and cited are read from YAML: any shape until they are checked here (the Corpus fields
    # hold their declared types once load_corpus returns)
    package, relations, cited = cast(object, corpus.package), cast(object, corpus.relations), cast(object, corpus.cited)
    if not isinstance(package, dict):
        problems.append(
            errors.InvalidField(shown(seeds_dir / "package.yml"), "file", "expected a mapping of package properties")
        )
    rel_file = shown(seeds_dir / "relations.yml")
    if not is_list(relations):
        return problems + [errors.InvalidField(rel_file, "file", "expected a list of relations")]
    for i, rel in enumerate(relations):
        if not is_mapping(rel):
            problems.append(errors.InvalidField(rel_file, f"item {i + 1}", "expected a mapping"))
            continue
        kind = str(rel.get("kind") or "").strip()
        if not kind:
            problems.append(errors.MissingField(rel_file, f"item {i + 1}.kind"))
        elif kind not in RELATION_KINDS:
            problems.append(
                errors.InvalidField(
                    rel_file,
                    f"item {i + 1}.kind",
                    f"unknown relation kind {kind!r} (known: {', '.join(RELATION_KINDS)})",
                )
            )
        confidence = str(rel.get("confidence") or "").strip()
        if confidence and confidence not in corpus.vocabulary.confidences:
            problems.append(
                errors.UnknownVocabulary(
                    rel_file,
                    f"item {i + 1}.confidence",
                    f"unknown confidence {confidence!r} (known: {', '.join(corpus.vocabulary.confidences)})",
                )
            )
        for end in ("source", "target"):
            ref = str(rel.get(end) or "")
            if not ref:
                problems.append(errors.MissingField(rel_file, f"item {i + 1}.{end}"))
            elif corpus.resolve(ref) is None:
                problems.append(errors.UnknownReference(rel_file, f"item {i + 1}.{end}", _unknown(corpus, ref)))
    cited_file = shown(seeds_dir / "cited.yml")
    if not is_mapping(cited):
        return problems + [errors.InvalidField(cited_file, "file", "expected targets, indicators and claims")]
    for section, required in CITED_FIELDS.items():
        rows: object = cited.get(section) or []
        if not is_list(rows):
            problems.append(errors.InvalidField(cited_file, section, "expected a list of records"))
            continue
        for i, row in enumerate(rows):
            if not is_mapping(row):
                problems.append(errors.InvalidField(cited_file, f"{section}[{i + 1}]", "expected a mapping"))
                continue
            problems.extend(
                errors.MissingField(cited_file, f"{section}[{i + 1}].{key}")
                for key in required
                if row.get(key) in (None, "")
            )
            ref = str(row.get("document") or "")
            if ref and corpus.resolve(ref) is None:
                problems.append(
                    errors.UnknownReference(cited_file, f"{section}[{i + 1}].document", _unknown(corpus, ref))
                )
    return problems


def _unknown(corpus: Corpus, ref: str) -> str:
    shared = corpus.shared_symbols().get(symbol_key(ref))
    if shared:
        return f"{ref!r} is the symbol of several documents ({', '.join(shared)}): use the id"
    return f"unknown document {ref!r} (not in seeds/ or references.yml)"
