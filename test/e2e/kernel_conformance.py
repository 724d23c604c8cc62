"""The official Jupyter kernel conformance suite (jupyter_kernel_test) against deeprob-ts.

Run by test/e2e/kernel-conformance.test.ts with JUPYTER_PATH pointing at a temp folder where
our kernelspec (built from dist/) is installed. Every optional test is configured, so none skip.
"""
import unittest

import jupyter_kernel_test as jkt

PNG_1x1 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class DeeprobTsKernelTests(jkt.KernelTests):
    kernel_name = "deeprob-ts"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The first cell waits for the TypeScript converter to warm up (seconds on a busy
        # machine); the suite's own 15 s timeout is meant for the cells themselves.
        reply = cls.kc.execute_interactive("0", timeout=300, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "const zzAlpha = 1;\nzzAl", "matches": {"zzAlpha"}},
        {"text": "Math.PI.toFix", "matches": {"toFixed"}},
    ]

    complete_code_samples = ["1 + 1", "const a = 1;", "function f(x: number) { return x; }"]
    incomplete_code_samples = ["for (let i = 0; i < 3; i++) {", "function f(x: number) {", "const xs = [1,"]
    invalid_code_samples = ["let = ;", "1 +* 2", "const 3x = 1;"]

    code_page_something = "Math.max?"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]

    code_display_data = [
        {"code": 'import { display } from "deeprob-ts"; display({ "text/html": "<b>hi</b>" });', "mime": "text/html"},
        {
            "code": 'import { display } from "deeprob-ts"; display({ "image/png": Buffer.from("%s", "base64") });' % PNG_1x1,
            "mime": "image/png",
        },
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'import { clearOutput } from "deeprob-ts"; clearOutput();'


if __name__ == "__main__":
    unittest.main()
