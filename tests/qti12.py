"""Structure checks of QTI 1.2 packages: content models of the QTI 1.2.1 ASI elements the exports
use, and the IMS Content Packaging manifest, written from the published specifications (the
ims_qtiasiv1p2p1 and imscp_v1p1 schemas' content models), not from the exporter.

Each content model is a regular expression over the element's child tag names, written as
``<name>`` tokens; ``problems`` lists every element whose children do not fit.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"

_MATERIAL = "(<material>|<material_ref>)"
_RESPONSE = "(<response_lid>|<response_xy>|<response_str>|<response_num>|<response_grp>|<response_extension>)"
_RENDER = "(<render_choice>|<render_hotspot>|<render_slider>|<render_fib>|<render_extension>)"
_CONDITION = (
    "(<not>|<and>|<or>|<unanswered>|<other>|<varequal>|<varlt>|<varlte>|<vargt>|<vargte>|<varsubset>"
    "|<varinside>|<varsubstring>|<durequal>|<durlt>|<durlte>|<durgt>|<durgte>|<var_extension>)"
)
#: element -> the sequence of its children (QTI 1.2.1 ASI)
QTI_MODELS = {
    "questestinterop": "(<qticomment>)?(<objectbank>|<assessment>|(<section>|<item>)+)",
    "assessment": (
        "(<qticomment>)?(<duration>)?(<qtimetadata>)*(<objectives>)*(<assessmentcontrol>)*(<rubric>)*"
        "(<presentation_material>)?(<outcomes_processing>)*(<assessproc_extension>)?(<assessfeedback>)*"
        "(<selection_ordering>)?(<reference>)?(<sectionref>|<section>)+"
    ),
    "section": (
        "(<qticomment>)?(<duration>)?(<qtimetadata>)*(<objectives>)*(<sectioncontrol>)*(<sectionprecondition>)*"
        "(<sectionpostcondition>)*(<rubric>)*(<presentation_material>)?(<outcomes_processing>)*"
        "(<sectionproc_extension>)?(<sectionfeedback>)*(<selection_ordering>)?(<reference>)?"
        "(<itemref>|<item>|<sectionref>|<section>)*"
    ),
    "item": (
        "(<qticomment>)?(<duration>)?(<itemmetadata>)?(<objectives>)*(<itemcontrol>)*(<itemprecondition>)*"
        "(<itempostcondition>)*(<itemrubric>|<rubric>)*(<presentation>)?(<resprocessing>)*"
        "(<itemproc_extension>)?(<itemfeedback>)*(<reference>)?"
    ),
    "itemmetadata": "(<qtimetadata>)*.*",  # then the QTI 1.1 qmd_ fields, unused here
    "qtimetadata": "(<vocabulary>)?(<qtimetadatafield>)+",
    "qtimetadatafield": "<fieldlabel><fieldentry>",
    "presentation": f"(<qticomment>)?(<flow>|(<material>|{_RESPONSE})+)",
    "response_lid": f"({_MATERIAL})?{_RENDER}({_MATERIAL})?",
    "response_str": f"({_MATERIAL})?{_RENDER}({_MATERIAL})?",
    "render_choice": f"({_MATERIAL}|<response_label>|<flow_label>)*(<response_na>)?",
    "render_fib": f"({_MATERIAL}|<response_label>|<flow_label>)*(<response_na>)?",
    "response_label": f"(<qticomment>|{_MATERIAL}|<flow_mat>)*",
    "material": (
        "(<qticomment>)?(<mattext>|<matemtext>|<matimage>|<mataudio>|<matvideo>|<matapplet>|<matapplication>"
        "|<matref>|<matbreak>|<mat_extension>)+(<altmaterial>)*"
    ),
    "resprocessing": "(<qticomment>)?<outcomes>(<respcondition>|<itemproc_extension>)+",
    "outcomes": "(<qticomment>)?(<decvar>(<interpretvar>)*)+",
    "respcondition": "(<qticomment>)?<conditionvar>(<setvar>)*(<displayfeedback>)*(<respcond_extension>)?",
    "conditionvar": f"{_CONDITION}+",
    "or": f"{_CONDITION}+",
    "and": f"{_CONDITION}+",
    "itemfeedback": "((<flow_mat>|<material>)|<solution>|<hint>)+",
    "flow_mat": f"(<qticomment>)?(<flow_mat>|{_MATERIAL})+",
}
#: required attributes (QTI 1.2.1 ASI)
QTI_ATTRIBUTES = {
    "assessment": ("ident",),
    "section": ("ident",),
    "item": ("ident",),
    "response_lid": ("ident",),
    "response_str": ("ident",),
    "response_label": ("ident",),
    "itemfeedback": ("ident",),
    "varequal": ("respident",),
    "displayfeedback": ("linkrefid",),
}
CP_MODELS = {
    "manifest": "(<metadata>)?<organizations><resources>(<manifest>)*",
    "resources": "(<resource>)*",
    "resource": "(<metadata>)?(<file>)*(<dependency>)*",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def content_problems(root: ElementTree.Element, namespace: str, models: dict[str, str]) -> list[str]:
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if not element.tag.startswith("{" + namespace + "}"):
            problems.append(f"<{element.tag}> is not in {namespace}")
            continue
        name = _local(element.tag)
        model = models.get(name)
        if model is None:
            continue
        children = "".join(f"<{_local(c.tag)}>" for c in element if isinstance(c.tag, str))
        if not re.fullmatch(model, children):
            problems.append(f"<{name} {element.attrib.get('ident', '')}> holds {children}")
    return problems


def assessment_problems(text: bytes) -> list[str]:
    root = ElementTree.fromstring(text)
    problems = content_problems(root, QTI, QTI_MODELS)
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else ""
        for attribute in QTI_ATTRIBUTES.get(name, ()):
            if not element.get(attribute):
                problems.append(f"<{name}> without {attribute}")
    for item in root.iter(f"{{{QTI}}}item"):
        feedback = {f.get("ident") for f in item.iter(f"{{{QTI}}}itemfeedback")}
        for display in item.iter(f"{{{QTI}}}displayfeedback"):
            if display.get("linkrefid") not in feedback:
                problems.append(f"item {item.get('ident')}: displayfeedback links no itemfeedback")
        labels = {label.get("ident") for label in item.iter(f"{{{QTI}}}response_label")}
        responses = {r.get("ident") for r in item.iter() if _local(str(r.tag)).startswith("response_")}
        for equal in item.iter(f"{{{QTI}}}varequal"):
            if equal.get("respident") not in responses:
                problems.append(f"item {item.get('ident')}: varequal on no response")
            if item.find(f".//{{{QTI}}}response_lid") is not None and equal.text not in labels:
                problems.append(f"item {item.get('ident')}: varequal names no choice")
    return problems


def package_problems(data: bytes) -> list[str]:
    """An IMS content package with QTI 1.2 assessments (and Canvas's quiz settings)."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "imsmanifest.xml" not in names:
            return ["no imsmanifest.xml"]
        manifest = ElementTree.fromstring(package.read("imsmanifest.xml"))
        problems += content_problems(manifest, CP, CP_MODELS)
        resources = {r.get("identifier"): r for r in manifest.iter(f"{{{CP}}}resource")}
        for ident, resource in resources.items():
            if not ident or not resource.get("type"):
                problems.append("a resource without identifier or type")
            for dependency in resource.iter(f"{{{CP}}}dependency"):
                if dependency.get("identifierref") not in resources:
                    problems.append(f"resource {ident}: dependency on nothing")
            for file in resource.iter(f"{{{CP}}}file"):
                href = file.get("href", "")
                if href not in names:
                    problems.append(f"resource {ident}: {href} is not in the package")
                elif resource.get("type") == "imsqti_xmlv1p2":
                    problems += assessment_problems(package.read(href))
                elif href.endswith("assessment_meta.xml"):
                    meta = ElementTree.fromstring(package.read(href))
                    if meta.tag != f"{{{CANVAS}}}quiz" or not meta.get("identifier"):
                        problems.append(f"{href}: not Canvas quiz settings")
    return problems
