"""The values ``st.write`` is tried with, for the dispatch table test.

Shared by ``scripts/streamlit_write_table.py`` (which records what Streamlit 1.67 draws for
each into ``tests/fixtures/streamlit_1_67_write.json``) and ``test_write_dispatch.py`` (which
checks rillet draws the same). Each case is the body of an app: ``st`` is the framework under
test, and the last line writes the value.
"""

from __future__ import annotations

PRELUDE = """
import collections, dataclasses, datetime, decimal, enum, io, math, types, fractions
import numpy as np
import pandas as pd
import pyarrow as pa
"""

CASES: dict[str, str] = {
    "str": "st.write('Hello **world**')",
    "strings_joined": "st.write('one', 'two', 'three')",
    "int": "st.write(42)",
    "float": "st.write(3.25)",
    "bool": "st.write(True)",
    "none": "st.write(None)",
    "complex": "st.write(3 + 4j)",
    "decimal": "st.write(decimal.Decimal('1.10'))",
    "fraction": "st.write(fractions.Fraction(1, 3))",
    "bytes": "st.write(b'abc')",
    "backticks": "st.write(type('T', (), {'__str__': lambda self: 'a `b` c'})())",
    "multiline_str_of": "st.write(type('T', (), {'__str__': lambda self: 'a\\nb'})())",
    "str_then_int": "st.write('Total:', 42, 'items')",
    "list": "st.write([1, 'a', None])",
    "empty_list": "st.write([])",
    "tuple": "st.write((1, 2))",
    "tuple_of_dates": "st.write((datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)))",
    "set": "st.write({3})",
    "frozenset": "st.write(frozenset({3}))",
    "range": "st.write(range(3))",
    "dict": "st.write({'a': 1, 'b': [1, 2]})",
    "nested_dict": "st.write({'a': {'b': {'c': 1}}})",
    "keys": "st.write({'a': 1}.keys())",
    "values": "st.write({'a': 1}.values())",
    "items": "st.write({'a': 1}.items())",
    "map": "st.write(map(str, [1, 2]))",
    "enumerate": "st.write(enumerate('ab'))",
    "mappingproxy": "st.write(types.MappingProxyType({'a': 1}))",
    "userdict": "st.write(collections.UserDict({'a': 1}))",
    "userlist": "st.write(collections.UserList([1, 2]))",
    "chainmap": "st.write(collections.ChainMap({'a': 1}, {'b': 2}))",
    "ordereddict": "st.write(collections.OrderedDict(a=1))",
    "defaultdict": "st.write(collections.defaultdict(int, a=1))",
    "counter": "st.write(collections.Counter('aab'))",
    "namedtuple": "P = collections.namedtuple('P', 'x y')\nst.write(P(1, 2))",
    "date": "st.write(datetime.date(2024, 1, 2))",
    "datetime": "st.write(datetime.datetime(2024, 1, 2, 3, 4, 5))",
    "timedelta": "st.write(datetime.timedelta(minutes=5))",
    "enum_member": "E = enum.Enum('E', 'A B')\nst.write(E.A)",
    "exception": "st.write(ValueError('bad value'))",
    "stringio": "st.write(io.StringIO('**bold**'))",
    "function": "def f(x: int) -> int:\n    'Doubles.'\n    return 2 * x\nst.write(f)",
    "lambda": "st.write(lambda x: x)",
    "builtin": "st.write(len)",
    "method": "st.write('abc'.upper)",
    "module": "st.write(math)",
    "class": "class K:\n    'A class.'\nst.write(K)",
    "builtin_class": "st.write(int)",
    "instance": "class K:\n    pass\nst.write(K())",
    "instance_with_str": "class K:\n    def __str__(self):\n        return 'kay'\nst.write(K())",
    "dataclass_instance": ("@dataclasses.dataclass\nclass D:\n    x: int = 1\nst.write(D())"),
    "dataclass_class": "@dataclasses.dataclass\nclass D:\n    x: int = 1\nst.write(D)",
    "generator": "st.write(x for x in ['a', 'b'])",
    "generator_function": "def g():\n    yield 'a'\n    yield 'b'\nst.write(g)",
    "repr_html": (
        "class H:\n    def _repr_html_(self):\n        return '<b>hi</b>'\n"
        "    def __str__(self):\n        return 'H()'\nst.write(H())"
    ),
    "repr_html_unsafe": (
        "class H:\n    def _repr_html_(self):\n        return '<b>hi</b>'\n"
        "st.write(H(), unsafe_allow_html=True)"
    ),
    "repr_markdown": (
        "class M:\n    def _repr_markdown_(self):\n        return '**md**'\n"
        "    def __str__(self):\n        return 'M()'\nst.write(M())"
    ),
    "to_pandas": (
        "class T:\n    def to_pandas(self):\n        return pd.DataFrame({'a': [1]})\nst.write(T())"
    ),
    "dataframe": "st.write(pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']}))",
    "series": "st.write(pd.Series([1, 2], name='s'))",
    "index": "st.write(pd.Index([1, 2]))",
    "styler": "st.write(pd.DataFrame({'a': [1]}).style)",
    "ndarray_1d": "st.write(np.array([1, 2, 3]))",
    "ndarray_2d": "st.write(np.array([[1, 2], [3, 4]]))",
    "numpy_scalar": "st.write(np.int64(7))",
    "arrow_table": "st.write(pa.table({'a': [1, 2]}))",
    "timestamp": "st.write(pd.Timestamp('2024-01-02'))",
    "sidebar": "st.write(st.sidebar)",
    "altair": (
        "import altair as alt\n"
        "st.write(alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_bar().encode(x='x'))"
    ),
    "matplotlib": (
        "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\nax.plot([1, 2])\nst.write(fig)"
    ),
    "plotly": "import plotly.graph_objects as go\nst.write(go.Figure(go.Bar(y=[1, 2])))",
    "graphviz": "import graphviz\ng = graphviz.Digraph()\ng.edge('a', 'b')\nst.write(g)",
    "pydeck": "import pydeck as pdk\nst.write(pdk.Deck(layers=[]))",
    "pil_image": "from PIL import Image\nst.write(Image.new('RGB', (4, 4)))",
    "mixed": "st.write('Chart:', {'a': 1}, 'and', 5)",
}
