"""Checks aafilter's compiled output against the AWS SDK's own parameter validation.

Run by the interop harness (Sources/aafilter-interop) on the examples it compiles.

Reads `compile` output files (a filter map, a JSON array of maps, or {"archiveRules": [...]})
and validates each filter as CreateArchiveRule and ListFindings input with botocore's
ParamValidator, using the service model botocore ships. Nothing is sent anywhere.
"""
import json
import sys

try:
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:
    print("botocore is missing; run scripts/interop, which installs it")
    sys.exit(3)

model = botocore.session.get_session().get_service_model("accessanalyzer")
create = model.operation_model("CreateArchiveRule").input_shape
list_findings = model.operation_model("ListFindings").input_shape
validator = ParamValidator()
failures = 0
checked = 0


def check(name, params, shape):
    global failures, checked
    checked += 1
    report = validator.validate(params, shape)
    if report.has_errors():
        failures += 1
        print(f"{name}: rejected by the SDK\n{report.generate_report()}")


for path in sys.argv[1:]:
    with open(path) as handle:
        document = json.load(handle)
    if isinstance(document, dict) and "archiveRules" in document:
        rules = [(rule["ruleName"], rule["filter"]) for rule in document["archiveRules"]]
    elif isinstance(document, list):
        rules = [(f"map{index + 1}", item) for index, item in enumerate(document)]
    else:
        rules = [("map", document)]
    for rule_name, filter_map in rules:
        check(f"{path}:{rule_name}", {"analyzerName": "a", "ruleName": rule_name, "filter": filter_map}, create)
        analyzer = "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/a"
        check(f"{path}:{rule_name} (ListFindings)", {"analyzerArn": analyzer, "filter": filter_map}, list_findings)

print(f"SDK validation: {checked - failures} of {checked} filters accepted")
print(f"botocore validation: {checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
