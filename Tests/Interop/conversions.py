"""Checks what `aafilter convert` writes with the tools that consume it.

Reads a directory written by the interop harness (Sources/aafilter-interop): `cases.json` lists files
and the rules each must hold, as {"file", "format", "rules": [{"ruleName", "filter"}]}.
- cloudformation / cloudformation-yaml: cfn-lint validates every template; its own template
  decoder reads the ArchiveRules back.
- cli-shorthand: the AWS CLI's ShorthandParser and BackCompatVisitor turn each filter into a
  map, botocore's ParamValidator accepts it as CreateArchiveRule input.
- cli-commands: shlex splits each line as a POSIX shell would; the --filter JSON is parsed
  and validated the same way.
- terraform: python-hcl2 reads every resource back.
- yaml-readback / shorthand-readback: mutated templates and filters that aafilter read without an
  error, with what it read; PyYAML (through cfn-lint's decoder) and the AWS CLI's shorthand parser
  must read the same.
Each must give exactly the expected filter maps. One check per file, and one for cfn-lint over
all templates; the last line says `N passed, N failed`. Exit status 3 when a tool is missing.
"""
import json
import os
import shlex
import subprocess
import sys

try:
    import botocore.session
    import hcl2
    from awscli.shorthand import BackCompatVisitor, ShorthandParser
    from botocore.validate import ParamValidator
    from cfnlint.decode import decode
    from hcl2.utils import SerializationOptions
except ImportError as error:
    print(f"missing a tool the conversion checks need ({error}); run scripts/interop, which installs it")
    sys.exit(3)

model = botocore.session.get_session().get_service_model("accessanalyzer")
create = model.operation_model("CreateArchiveRule").input_shape
filter_shape = create.members["filter"]
validator = ParamValidator()
failures = []


def compare(where, expected, actual):
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual)):
            compare(f"{where}[{index}]", left, right)
        return
    if expected != actual:
        failures.append(f"{where}: expected {json.dumps(expected, ensure_ascii=False)}\n  got {json.dumps(actual, ensure_ascii=False)}")


def validate(where, rule_name, filter_map):
    report = validator.validate({"analyzerName": "a", "ruleName": rule_name, "filter": filter_map}, create)
    if report.has_errors():
        failures.append(f"{where}: botocore rejects it\n{report.generate_report()}")


def cloudformation(path, rules):
    templates = decode(path)
    template, matches = templates[0], templates[1]
    if matches:
        failures.append(f"{path}: cfn-lint cannot decode it: {matches}")
        return
    actual = []
    for resource in template["Resources"].values():
        for rule in resource["Properties"].get("ArchiveRules", []):
            filter_map = {}
            for item in rule["Filter"]:
                criterion = {}
                for source, target in (("Contains", "contains"), ("Eq", "eq"), ("Exists", "exists"), ("Neq", "neq")):
                    if source in item:
                        criterion[target] = item[source]
                filter_map[item["Property"]] = criterion
            actual.append({"ruleName": rule["RuleName"], "filter": filter_map})
    compare(path, rules, json.loads(json.dumps(actual)))


def shorthand(path, rules):
    with open(path, encoding="utf-8") as handle:
        texts = json.load(handle)
    for text, rule in zip(texts, rules):
        parsed = ShorthandParser().parse(text)
        params = {"filter": parsed}
        BackCompatVisitor().visit(params, create)
        validate(f"{path}:{rule['ruleName']}", rule["ruleName"], params["filter"])
        compare(f"{path}:{rule['ruleName']} {text!r}", rule["filter"], params["filter"])


def commands(path, rules):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = [line for line in text.split("\n") if line]
    if len(lines) != len(rules):
        failures.append(f"{path}: {len(lines)} lines for {len(rules)} rules")
    for line, rule in zip(lines, rules):
        words = shlex.split(line, posix=True)
        expected = ["aws", "accessanalyzer", "create-archive-rule", "--analyzer-name", "Main", "--rule-name", rule["ruleName"], "--filter"]
        compare(f"{path}: words of {line!r}", expected, words[:-1])
        filter_map = json.loads(words[-1])
        validate(f"{path}:{rule['ruleName']}", rule["ruleName"], filter_map)
        compare(f"{path}:{rule['ruleName']}", rule["filter"], filter_map)


def terraform(path, rules):
    with open(path, encoding="utf-8") as handle:
        document = hcl2.load(handle, serialization_options=SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False))
    actual = []
    for resource in document.get("resource", []):
        for kind, named in resource.items():
            if kind != "aws_accessanalyzer_archive_rule":
                continue
            for body in named.values():
                filter_map = {}
                for block in body["filter"]:
                    criterion = {}
                    for name in ("contains", "eq", "neq"):
                        if name in block:
                            criterion[name] = list(block[name])
                    if "exists" in block:
                        criterion["exists"] = {"true": True, "false": False}[block["exists"]]
                    filter_map[block["criteria"]] = criterion
                compare(f"{path}: analyzer of {body['rule_name']}", "Main", body["analyzer_name"])
                actual.append({"ruleName": body["rule_name"], "filter": filter_map})
    compare(path, rules, actual)


def archive_rules(template):
    """The rules of a decoded template, as aafilter reads them, or None when it has none."""
    actual = []
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        return None
    for resource in template["Resources"].values():
        properties = resource.get("Properties") if isinstance(resource, dict) else None
        for rule in (properties or {}).get("ArchiveRules", []) if isinstance(properties, dict) else []:
            filter_map = {}
            for item in rule["Filter"]:
                criterion = {}
                for source, target in (("Contains", "contains"), ("Eq", "eq"), ("Exists", "exists"), ("Neq", "neq")):
                    if source in item:
                        criterion[target] = item[source]
                filter_map[item["Property"]] = criterion
            actual.append({"ruleName": rule["RuleName"], "filter": filter_map})
    return actual


def yaml_readback(path):
    """Mutated templates aafilter read without an error: PyYAML (cfn-lint's decoder) must read them
    to the same rules."""
    import tempfile
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    for index, item in enumerate(items):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8", delete=False) as handle:
            handle.write(item["text"])
        try:
            decoded = decode(handle.name)
            if decoded[1]:
                failures.append(f"{path}[{index}]: aafilter reads it, cfn-lint cannot decode it: {decoded[1]}\n{item['text']}")
                continue
            try:
                actual = archive_rules(decoded[0])
            except (KeyError, TypeError, AttributeError) as error:
                failures.append(f"{path}[{index}]: aafilter reads it, PyYAML gives another shape ({error!r})\n{item['text']}")
                continue
            compare(f"{path}[{index}] {item['text']!r}", item["rules"], json.loads(json.dumps(actual, default=str)))
        finally:
            os.unlink(handle.name)


def shorthand_readback(path):
    """Mutated shorthand aafilter read without an error: the AWS CLI must read the same map."""
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    for item in items:
        try:
            params = {"filter": ShorthandParser().parse(item["text"])}
            BackCompatVisitor().visit(params, create)
        except Exception as error:  # the parser's errors have no common base class
            failures.append(f"{path}: aafilter reads {item['text']!r}, the AWS CLI does not: {error}")
            continue
        compare(f"{path}: {item['text']!r}", item["filter"], params["filter"])


def main(directory):
    with open(os.path.join(directory, "cases.json"), encoding="utf-8") as handle:
        cases = json.load(handle)
    templates = []
    checks = len(cases)
    for case in cases:
        path = os.path.join(directory, case["file"])
        kind = case["format"]
        if kind in ("cloudformation", "cloudformation-yaml"):
            templates.append(path)
            cloudformation(path, case["rules"])
        elif kind == "cli-shorthand":
            shorthand(path, case["rules"])
        elif kind == "cli-commands":
            commands(path, case["rules"])
        elif kind == "terraform":
            terraform(path, case["rules"])
        elif kind == "yaml-readback":
            yaml_readback(path)
        elif kind == "shorthand-readback":
            shorthand_readback(path)
        else:
            failures.append(f"{path}: unknown format {kind}")
    if templates:
        checks += 1
        lint = subprocess.run([sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())", "--", *templates], capture_output=True, text=True)
        if lint.returncode != 0:
            failures.append(f"cfn-lint rejects the templates:\n{lint.stdout}{lint.stderr}")
    checked = sum(len(case["rules"]) for case in cases)
    for failure in failures[:20]:
        print(failure)
    # A failure names its file first; cfn-lint's names none and counts as its own check.
    paths = [os.path.join(directory, case["file"]) for case in cases]
    failed = {path for path in paths if any(failure.startswith(path) for failure in failures)}
    failed |= {"cfn-lint"} if any(failure.startswith("cfn-lint") for failure in failures) else set()
    failed |= {"other"} if failures and not failed else set()
    print(f"conversion checks: {len(cases)} files, {checked} rules, {len(failures)} failures")
    print(f"conversions: {checks - len(failed)} passed, {len(failed)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
