#!/usr/bin/env python3
"""Reference values for LossAtlas's wide arithmetic (user functions).

Each line of wide-reference.jsonl is one function at one input:
  {"f": "exp", "x": "<hex float>", ["y": "<hex float>",] "digits": 110,
   "value": "<decimal>"}
The inputs are Doubles written as C hex floats (exact); the value is the
exact result rounded to 110 significant digits, computed by mpmath at
500 digits of working precision. Regenerate with:
  python3 generate.py > wide-reference.jsonl
(mpmath version printed in the header line; 1.3.0 was used for the
committed file.)
"""
import json
import mpmath

mpmath.mp.dps = 500
DIGITS = 110

def h(x):
    return float(x).hex()

CASES = {
    "exp": [0.5, -0.5, 1.0, 1e-20, -1e-20, 10.0, -30.0, 709.78, 710.0, 800.0, -745.2, -1000.0, 1e4, -1e4, 2.0e4, 0.6931471805599453],
    "expm1": [1e-300, 1e-20, -1e-10, 0.3, -0.3, 0.49, 0.51, 2.0, -40.0, 800.0, -1000.0],
    "log": [1.0000000000000002, 0.9999999999999999, 2.0, 0.5, 1e-300, 5e-324, 1e300, 1.7976931348623157e308, 3.0, 0.7071, 1.5],
    "log1p": [1e-300, -1e-20, 1e-10, 0.2, -0.2, 0.26, -0.26, -0.999999, 3.0, 1e300, -0.5],
    "sqrt": [2.0, 1e-300, 5e-324, 1e300, 0.5, 3.0],
    "sin": [1.0, 3.141592653589793, 6.283185307179586, 1e22, 1e300, -1e-300, 0.7853981633974483, 100.0, 1e-8],
    "cos": [1.0, 1.5707963267948966, 4.71238898038469, 1e22, 1e300, 1e-8, 0.0001],
    "tan": [1.0, 1.5707963267948966, -1.5707963267948966, 1e22, 1e-10],
    "tanh": [1e-300, 1e-10, 0.2, -0.5, 1.0, 19.0, 20.0, -25.0, 400.0],
    "sinh": [1e-300, 1e-8, -0.2, 0.6, 3.0, -700.0, 710.0],
    "cosh": [1e-8, 0.2, 3.0, 700.0, -712.0],
    "atan": [1e-300, 1e-8, 0.5, 1.0, 2.0, -10.0, 1e300, 0.0999],
    "erf": [1e-300, 1e-10, 0.3, 1.0, 2.5, 4.0, 6.0, -3.0, 27.0],
    "erfc": [1e-10, 0.3, 1.0, 3.0, 5.0, 10.0, 26.5, 27.0, 30.0, -2.0, -8.0, 40.0],
    "pow": [(2.0, 0.5), (10.0, 400.0), (1e-300, 2.0), (0.5, -1500.0), (3.0, 1.0 / 3.0), (7.0, 21.0), (1.5, -2.5)],
}

FUNCTIONS = {
    "exp": mpmath.exp, "expm1": mpmath.expm1, "log": mpmath.log, "log1p": mpmath.log1p, "sqrt": mpmath.sqrt,
    "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan, "tanh": mpmath.tanh, "sinh": mpmath.sinh,
    "cosh": mpmath.cosh, "atan": mpmath.atan, "erf": mpmath.erf, "erfc": mpmath.erfc,
}

def main():
    print(json.dumps({"generator": "generate.py", "mpmath": mpmath.__version__, "digits": DIGITS}))
    for name, inputs in CASES.items():
        for x in inputs:
            if name == "pow":
                a, b = x
                v = mpmath.power(mpmath.mpf(a), mpmath.mpf(b))
                line = {"f": name, "x": h(a), "y": h(b)}
            else:
                v = FUNCTIONS[name](mpmath.mpf(x))
                line = {"f": name, "x": h(x)}
            line["digits"] = DIGITS
            line["value"] = mpmath.nstr(v, DIGITS, min_fixed=1, max_fixed=0)
            print(json.dumps(line))

if __name__ == "__main__":
    main()
