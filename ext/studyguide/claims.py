"""Claim markup: the ``claim`` directive and role, the ``blank`` role, and their records.

Owns: the claim directives and roles, the ``Claim`` record, the read step that records each
page's claims (``collect_claims``, run by the core's read walk) and the checks made on them.

A claim tags a passage without changing its wording.  Block claims wrap their passage;
inline claims mark words inside a paragraph (role ``{claim}`words <id>``` or the MyST
span ``[words]{.claim #id}``) and take their options from a body-less ``claim``
directive with the same id on the same page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from studyguide.core import Feature, ReadPage, register_feature
from studyguide.domain import StudyGuideDomain
from studyguide.nodes import sg_placeholder
from studyguide.syntax import ID_PATTERN, split_list
from studyguide.warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ROLE_TARGET = re.compile(r"^(.*?)\s*<([^<>]*)>\s*$", re.DOTALL)
CLAIM_OPTIONS = (
    "speaker",
    "holder",
    "shared-by",
    "kind",
    "central",
    "context",
    "paraphrase",
    "topics",
    "false",
    "accept",
    "question",
    "answer",
    "wrong",
    "explain",
)
#: options whose value is a list
LIST_OPTIONS = ("shared-by", "topics", "false", "accept", "wrong")
#: what a claim can be: only a view is asked as "who holds this view"
CLAIM_KINDS = ("view", "fact", "remark")


@dataclass(frozen=True, slots=True)
class Claim:
    """A tagged claim as read from its page."""

    id: str
    docname: str
    anchor: str
    line: int | None
    index: int  # its position on the page
    text: str
    blank: str = ""
    holder: str = ""  # "" = the page's default holder
    topics: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    false: tuple[str, ...] = ()
    question: str = ""
    answer: str = ""
    wrong: tuple[str, ...] = ()
    explain: str = ""
    inline: bool = False
    speaker: str = ""  # "" = the page's default voice
    shared_by: tuple[str, ...] = ()
    kind: str = ""  # "" = a view
    central: bool = False
    context: str = ""
    paraphrase: str = ""
    accept: tuple[str, ...] = ()
    options_line: int | None = None  # where its options are written (the directive's line)


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def _options(raw: dict[str, Any]) -> dict[str, Any]:
    """Directive options as stored on the node: lists split, text whitespace-collapsed."""
    result: dict[str, Any] = {}
    for key in CLAIM_OPTIONS:
        if key not in raw:
            continue
        if key == "central":
            result[key] = True
        elif key in LIST_OPTIONS:
            result[key] = tuple(split_list(raw[key]))
        else:
            result[key] = " ".join(str(raw[key]).split())
    return result


class ClaimDirective(SphinxDirective):
    """``claim`` with a body: a block claim; without: the options of an inline claim."""

    required_arguments = 1
    final_argument_whitespace = True  # a bad id gets our warning, and the text is kept
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {key: directives.unchanged for key in CLAIM_OPTIONS}

    def run(self) -> list[nodes.Node]:
        claim_id = self.arguments[0].strip()
        if not ID_PATTERN.match(claim_id):
            warn(
                "bad-option",
                f"{claim_id!r} is not a claim id (lowercase letters, digits, hyphens)",
                self.get_location(),
            )
            return self.parse_content_to_nodes() if self.content else []  # the text stays, untagged
        options = _options(self.options)
        if self.content:
            container = nodes.container(classes=["sg-claim", "sg-claim-block"], ids=[claim_anchor(claim_id)])
            container["sg_claim"] = claim_id
            container["sg_claim_options"] = options
            self.set_source_info(container)
            container += self.parse_content_to_nodes()
            self.state.document.ids[claim_anchor(claim_id)] = container
            note = sg_placeholder(kind="claim-quizzes", target=claim_id)
            return [container, note]
        data = sg_placeholder(kind="claim-data", target=claim_id)
        data["sg_claim_options"] = options
        self.set_source_info(data)
        return [data]


class ClaimRole(SphinxRole):
    """``{claim}`words <id>```: the words are parsed as inline markup (roles, ``{blank}``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _ROLE_TARGET.match(self.text)
        if not match or not match.group(2).strip():
            warn("empty-target", f"claim role {self.rawtext!r} needs 'words <claim-id>'", self.get_location())
            return [nodes.inline(self.text, self.text)], []
        words, claim_id = match.group(1), match.group(2).strip()
        if not ID_PATTERN.match(claim_id):
            warn(
                "bad-option",
                f"{claim_id!r} is not a claim id (lowercase letters, digits, hyphens)",
                self.get_location(),
            )
            return [nodes.inline(self.text, self.text)], []
        node = nodes.inline("", "", classes=["sg-claim"], ids=[claim_anchor(claim_id)])
        node["sg_claim"] = claim_id
        self.set_source_info(node)
        parent_before = getattr(self.inliner, "parent", None)
        # The inliner itself carries what docutils' ``memo`` needs (document, reporter, language).
        children, messages = self.inliner.parse(words, self.lineno, cast(Any, self.inliner), node)
        if parent_before is not None:
            self.inliner.parent = parent_before
        node += children
        return [node], messages


class BlankRole(SphinxRole):
    """``{blank}`term```: the key term of a fill-in-the-blank question, shown as printed."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.inline(self.text, self.text, classes=["sg-blank"])
        return [node], []


def collect_claims(env: BuildEnvironment, page: ReadPage) -> None:
    """Read step: record every claim on the page, with its options, blank and mentions."""
    domain = cast(StudyGuideDomain, env.domains["sg"])
    docname = page.docname
    data_nodes: dict[str, sg_placeholder] = {}
    for data in page.placeholders:
        if data["kind"] != "claim-data":
            continue
        if data["target"] in data_nodes:
            warn("duplicate-id", f"two claim directives for {data['target']!r} on one page", data)
        data_nodes.setdefault(data["target"], data)
    found: dict[str, Claim] = {}
    for index, spot in enumerate(page.passages):
        passage = spot.node
        line = spot.line
        if "sg_claim" not in passage:  # span form
            if not ID_PATTERN.match(passage["ids"][0]):
                warn("bad-option", f"{passage['ids'][0]!r} is not a claim id", (docname, line))
                continue
            passage["sg_claim"] = passage["ids"][0]
            passage["classes"].append("sg-claim")
        claim_id = passage["sg_claim"]
        if claim_id in found:
            warn(
                "duplicate-id",
                f"duplicate claim id {claim_id!r}: also on line {found[claim_id].line}",
                (docname, line),
            )
            continue
        options_node = data_nodes.pop(claim_id) if claim_id in data_nodes else None
        options: dict[str, Any] = dict(passage.get("sg_claim_options", {}))
        inline = "sg_claim_options" not in passage
        if inline and options_node is None:
            warn(
                "claim-orphan",
                f"claim passage {claim_id!r} has no claim directive with its id on the page "
                "(write one after the paragraph: ':::{claim} " + claim_id + "' ... ':::')",
                (docname, line),
            )
        if inline and options_node is not None:
            options = dict(options_node["sg_claim_options"])
        blanks = [b.astext() for b in spot.blanks]
        mentions = tuple(dict.fromkeys(m["sg_target"] for m in spot.mentions))
        found[claim_id] = Claim(
            id=claim_id,
            docname=docname,
            anchor=passage["ids"][0],
            line=line,
            index=index,
            text=" ".join(passage.astext().split()),
            blank=" ".join(blanks[0].split()) if blanks else "",
            holder=options.get("holder", ""),
            topics=options.get("topics", ()),
            mentions=mentions,
            false=options.get("false", ()),
            question=options.get("question", ""),
            answer=options.get("answer", ""),
            wrong=options.get("wrong", ()),
            explain=options.get("explain", ""),
            inline=inline,
            speaker=options.get("speaker", ""),
            shared_by=options.get("shared-by", ()),
            kind=options.get("kind", ""),
            central=bool(options.get("central", False)),
            context=options.get("context", ""),
            paraphrase=options.get("paraphrase", ""),
            accept=options.get("accept", ()),
            options_line=(options_node.line if options_node is not None else None) or line,
        )
        if len(blanks) > 1:
            warn(
                "claim-blank",
                f"claim {claim_id!r} marks {len(blanks)} blanks; only the first is used",
                (docname, line),
            )
    for stray in page.stray_blanks:
        warn(
            "claim-blank",
            f"blank {stray.node.astext()!r} is outside any claim: a blank marks the key word of a claim's passage",
            (docname, stray.line),
        )
    for claim_id, data in data_nodes.items():
        warn(
            "claim-orphan",
            f"claim directive {claim_id!r} has no body and no inline claim with that id on the page",
            data,
        )
    domain.doc(docname).claims = found
    if found:
        domain.note_generated(docname, "claim-quizzes")


def check_claims(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: holders, topics and blanks that do not fit, and ids used twice."""
    domain = cast(StudyGuideDomain, env.domains["sg"])
    seen: dict[str, Claim] = {}
    for docname in sorted(domain.docs):
        default_holder = str(env.metadata.get(docname, {}).get("sg-holder", ""))
        for claim in domain.docs[docname].claims.values():
            where = (docname, claim.line)
            if claim.id in seen:
                other = seen[claim.id]
                warn(
                    "duplicate-id",
                    f"duplicate claim id {claim.id!r}: also in {other.docname}, line {other.line}",
                    where,
                )
            seen.setdefault(claim.id, claim)
            holder = claim.holder or default_holder
            if not holder:
                warn(
                    "claim-holder",
                    f"claim {claim.id!r} has no :holder: and its page sets no sg-holder",
                    where,
                )
            elif domain.find(holder) is None:
                warn(
                    "unknown-id",
                    f"claim {claim.id!r}: {':holder:' if claim.holder else 'the page sg-holder'} names unknown id "
                    f"{holder!r}{domain.suggest(holder)}",
                    where,
                )
            for topic in claim.topics:
                if domain.find(topic) is None:
                    warn(
                        "unknown-id",
                        f"claim {claim.id!r}: :topics: names unknown id {topic!r}{domain.suggest(topic)}",
                        where,
                    )
            if not claim.text:
                warn("claim-blank", f"claim {claim.id!r} has no text", where)
            elif claim.blank and claim.blank not in claim.text:
                warn("claim-blank", f"claim {claim.id!r}: blank {claim.blank!r} is not in its text", where)
            if claim.question and not (claim.answer and claim.wrong):
                warn(
                    "bad-option",
                    f"claim {claim.id!r}: a :question: needs an :answer: and :wrong: answers",
                    where,
                )


def setup_claims(app: Sphinx) -> None:
    for name in ("claim", "sg:claim"):
        app.add_directive(name, ClaimDirective)
        app.add_role(name, ClaimRole())
    for name in ("blank", "sg:blank"):
        app.add_role(name, BlankRole())
    register_feature(Feature("claims", read=collect_claims))
    app.connect("env-check-consistency", check_claims)
