"""Jinja2's sandbox, bounded: templates travel between agencies and may be hostile.

Jinja's `ImmutableSandboxedEnvironment` keeps a template away from Python's internals and from
changing lists and dicts. This adds what a post needs on top:

- size: no value a template makes may print as more than `MAX_TEXT` characters or hold more
  than `MAX_ITEMS` items, checked *before* the work is done (`'x'|center(10**9)`,
  `'{:>999999999}'.format('x')`, `'%999999999d' % 1`, `s ~ s` doubling, `[s] * n | join`),
  and one render writes at most `MAX_OUTPUT` characters, buffers (`{% set %}` blocks, macros)
  included;
- time: at most `MAX_ITERATIONS` loop iterations in one render, a deadline of `MAX_SECONDS`
  checked from every hook (attribute, item, call, operator, filter, loop, output), nested calls
  (macros, recursive loops) at most `MAX_DEPTH` deep, at most `MAX_TEMPLATES` includes,
  extends and imports — a self-including template ends there, not in a RecursionError;
- calls: only the methods of plain values (strings, numbers, lists, dicts), macros, `loop`,
  and the globals `range` (bounded), `dict`, `namespace`, `cycler`, `joiner`;
- files: a template is a regular UTF-8 file of at most `MAX_TEMPLATE_BYTES` inside its folder
  (no link out of it), without control characters or bidi overrides.

Every refusal is a `Refused` (a Jinja `SecurityError`) whose message the renderer puts in a
sentence naming the template.
"""

from __future__ import annotations

import os
import posixpath
import re
import time
import types
import warnings
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from string import Formatter
from typing import Any

from jinja2 import Environment, FileSystemLoader, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from broadcaster.safetext import unsafe_character

MAX_TEXT = 20_000  # characters in any one value (a post is 280)
MAX_ITEMS = 10_000  # items in a list or a range
MAX_OUTPUT = 100_000  # characters written by one render, buffers included
MAX_ITERATIONS = 10_000  # loop iterations in one render
MAX_DEPTH = 32  # nested macro calls and recursive loops
MAX_TEMPLATES = 64  # includes, extends and imports in one render
MAX_SECONDS = 2.0
MAX_INT_BITS = 4096  # about 1,200 digits
MAX_TEMPLATE_BYTES = 64 * 1024
MAX_PATTERN = 64  # characters in a date pattern

LOOP_FILTER = "_bounded_loop"


class Refused(SecurityError):
    """A template tried something a post does not need (too long, too slow, too deep)."""


@dataclass
class _Budget:
    deadline: float
    iterations: int = 0
    output: int = 0
    depth: int = 0
    templates: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


@contextmanager
def bounded(seconds: float | None = None) -> Iterator[_Budget]:
    """One render's budget; hooks outside it (compile-time folding) only check sizes."""
    budget = _Budget(deadline=time.monotonic() + (MAX_SECONDS if seconds is None else seconds))
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _tick() -> _Budget | None:
    budget = _BUDGET.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise Refused(f"rendering took longer than {MAX_SECONDS:g} seconds")
    return budget


def count_output(budget: _Budget | None, size: int) -> None:
    if budget is None:
        return
    budget.output += size
    if budget.output > MAX_OUTPUT:
        raise Refused(f"the template writes more than {MAX_OUTPUT:,} characters")


# -- sizes ---------------------------------------------------------------------------------


def weight(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters `value` prints as, counting a shared reference each time it
    is met; stops counting past `limit` so that weighing is itself bounded."""
    total = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > 16:
            raise Refused("values nested too deeply")
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, bool) or item is None or isinstance(item, float):
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, range):
            total += len(item)  # lazy: its numbers are short and made one at a time
        elif isinstance(item, Context | types.ModuleType | type):
            total += 16
        elif isinstance(item, Mapping):
            total += 4 * len(item) + 2
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 * len(item) + 2
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, Namespace):
            stack.append((item._Namespace__attrs, depth + 1))
        elif isinstance(item, KeysView | ValuesView | ItemsView):
            stack.append((getattr(item, "mapping", {}), depth + 1))
        else:
            total += 16
        if total > limit:
            return total
    return total


def _check(what: str, *values: Any) -> None:
    total = 0
    for value in values:
        total += weight(value, MAX_TEXT - total)
        if total > MAX_TEXT:
            raise Refused(f"{what} would be longer than {MAX_TEXT:,} characters")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_numbers(what: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if _number(value) and abs(value) > MAX_TEXT:
            raise Refused(f"{what} is given {value}, more than a post needs")


def _bounded_result(what: str, value: Any) -> Any:
    """Materialise lazy results (so that they can be weighed) and check the size."""
    if isinstance(value, Iterator):
        items = []
        for item in value:
            items.append(item)
            if len(items) > MAX_ITEMS:
                raise Refused(f"{what} makes more than {MAX_ITEMS:,} items")
        value = items
    if isinstance(value, list | tuple) and len(value) > MAX_ITEMS:
        raise Refused(f"{what} makes more than {MAX_ITEMS:,} items")
    _check(what, value)
    return value


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.DOTALL)


def _check_percent(text: str, args: Any) -> None:
    """`'%999999999d' % 1` is refused before Python pads it."""
    widths = 0
    fields = 0
    for match in _PERCENT.finditer(text):
        if match.group(3) == "%":
            continue
        if "*" in (match.group(1), match.group(2)):
            raise Refused("a * width in a % format is not allowed in templates")
        widths += int(match.group(1) or 0) + int(match.group(2) or 0)
        fields += 1
    _check("the % format", text, " " * min(widths, MAX_TEXT + 1))
    if fields and weight(args) * fields > MAX_TEXT:
        raise Refused(f"the % format would be longer than {MAX_TEXT:,} characters")


_SPEC_NUMBERS = re.compile(r"\d+")


def _check_format(text: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """`'{:>999999999}'.format('x')` is refused before Python pads it."""
    widths = 0
    fields = 0
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:
        raise Refused(f"the format string is broken ({error})") from None
    for _literal, name, spec, _conversion in parsed:
        if name is None:
            continue
        fields += 1
        if spec and "{" in spec:
            raise Refused("nested {} fields in a format spec are not allowed in templates")
        widths += sum(int(n) for n in _SPEC_NUMBERS.findall(spec or ""))
    heaviest = max((weight(v) for v in (*args, *kwargs.values())), default=0)
    if len(text) + widths + fields * heaviest > MAX_TEXT:
        raise Refused(f"the format would be longer than {MAX_TEXT:,} characters")


# -- filters ---------------------------------------------------------------------------------


def _pre_filter(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    plain = tuple(a for a in args if not isinstance(a, Context | EvalContext | Environment))
    _check(f"the filter {name!r}", *plain, *kwargs.values())
    if not plain:
        return
    value, rest = plain[0], plain[1:]
    _check_numbers(f"the filter {name!r}", rest, kwargs)
    if name == "replace" and isinstance(value, str) and len(rest) >= 2:
        _check_replace(value, rest[0], rest[1])
    elif name == "join":
        separator = rest[0] if rest else kwargs.get("d", "")
        if hasattr(value, "__len__"):
            _check("the join", value, " " * min(len(value) * weight(separator), MAX_TEXT + 1))
    elif name == "indent" and isinstance(value, str):
        width = rest[0] if rest else kwargs.get("width", 4)
        lines = value.count("\n") + 1
        size = width if _number(width) else weight(width)
        _check("the indent", value, " " * min(int(size) * lines, MAX_TEXT + 1))
    elif name == "format" and isinstance(value, str):
        _check_percent(value, kwargs or rest)


def _check_replace(value: str, old: Any, new: Any) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    times = value.count(old) if old else len(value) + 1
    _check("the replace", value, " " * min(times * len(new), MAX_TEXT + 1))


def guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)  # keeps Jinja's pass_context marker
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        _pre_filter(name, args, kwargs)
        return _bounded_result(f"the filter {name!r}", func(*args, **kwargs))

    return guarded


def bounded_loop(iterable: Any) -> Iterator[Any]:
    """What every `{% for %}` iterates through: counted against the render's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            budget.iterations += 1
            if budget.iterations > MAX_ITERATIONS:
                raise Refused(f"the template loops more than {MAX_ITERATIONS:,} times")
            if time.monotonic() > budget.deadline:
                raise Refused(f"rendering took longer than {MAX_SECONDS:g} seconds")
        yield item


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_ITEMS:
        raise Refused(f"range() of more than {MAX_ITEMS:,} numbers")
    return numbers


bounded_range._template_safe = True  # type: ignore[attr-defined]
bounded_range.__name__ = "range"


def finalize(value: Any) -> Any:
    """Every `{{ value }}` passes here before it is turned into text."""
    _tick()
    _check("a printed value", value)
    return value


# -- code generation: loops counted, buffers counted, `~` checked ---------------------------


class OutputBuffer(list[Any]):
    """The buffer of a `{% set %}` block, macro or filter block: its size counts too."""

    def append(self, item: Any) -> None:
        count_output(_tick(), len(item) if isinstance(item, str) else 16)
        super().append(item)

    def extend(self, items: Any) -> None:
        for item in items:
            self.append(item)


def checked_concat(parts: Any) -> str:
    """`a ~ b`: refused when the text would be too long, before it is made."""
    _tick()
    values = tuple(parts)
    _check("the ~ concatenation", *values)
    return "".join(str(v) for v in values)


class BoundedCodeGenerator(CodeGenerator):
    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.output_buffer()")

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        # Every loop iterates through the budget; done before the filters are collected.
        for loop in node.find_all(nodes.For):
            wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None)
            wrapped.set_lineno(loop.lineno)
            loop.iter = wrapped
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


# -- the environment -----------------------------------------------------------------------

_PLAIN_TYPES = (str, bytes, int, float, list, tuple, dict, range)
_RUNTIME_TYPES = (LoopContext, Cycler, Joiner, Macro)


def _callable_allowed(obj: Any) -> bool:
    if getattr(obj, "_template_safe", False) or obj in (dict, Namespace, Cycler, Joiner):
        return True
    if isinstance(obj, _RUNTIME_TYPES):
        return True
    owner = getattr(obj, "__self__", None)
    if isinstance(obj, types.BuiltinMethodType | types.MethodWrapperType):
        return isinstance(owner, _PLAIN_TYPES)
    if isinstance(obj, types.MethodType):
        return isinstance(owner, _RUNTIME_TYPES)
    return False


class BoundedSandbox(ImmutableSandboxedEnvironment):
    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=finalize, **options)
        self.globals.pop("lipsum", None)
        self.globals["range"] = bounded_range
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = bounded_loop
        self.output_buffer = OutputBuffer
        self.checked_concat = checked_concat

    def _compile(self, source: str, filename: str) -> types.CodeType:
        # Python warns about nonsense like `{{ 12[0] }}` while compiling the generated code;
        # the template fails with our sentence when it runs, so the raw warning is noise.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            return super()._compile(source, filename)

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        """A filter of ours (the date filters), under the same guard as Jinja's own."""
        self.filters[name] = guard_filter(name, func)

    # every hook checks the clock
    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**" and _number(right):
            if abs(right) > 64 or (
                isinstance(left, int) and left.bit_length() * abs(right) > MAX_INT_BITS
            ):
                raise Refused("the power is too large for a post")
        elif operator == "*":
            _check_product(left, right)
        elif operator == "+" and not (_number(left) and _number(right)):
            _check("the +", left, right)
            lists = isinstance(left, list | tuple) and isinstance(right, list | tuple)
            if lists and len(left) + len(right) > MAX_ITEMS:
                raise Refused(f"the + makes more than {MAX_ITEMS:,} items")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text: str = value.__self__
        is_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = is_map and args and isinstance(args[0], Mapping)
            _check_format(text, tuple(args[0].values()) if mapping else args, kwargs)
            return wrapper(*args, **kwargs)

        checked._template_safe = True  # type: ignore[attr-defined]
        return checked

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _tick()
        if not _callable_allowed(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise Refused(f"templates may not call {name}()")
        what = f"{getattr(__obj, '__name__', 'the call')}()"
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, _PLAIN_TYPES):
            _check_numbers(what, args, kwargs)
            _check(what, owner, *args, *kwargs.values())
            name = getattr(__obj, "__name__", "")
            if name == "replace" and isinstance(owner, str) and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
            elif name == "join" and args and hasattr(args[0], "__len__"):
                _check(what, args[0], " " * min(len(args[0]) * weight(owner), MAX_TEXT + 1))
        else:
            _check(what, *args, *kwargs.values())
        if isinstance(__obj, LoopContext) and args:
            args = (bounded_loop(args[0]), *args[1:])
        if budget is not None:
            budget.depth += 1
            if budget.depth > MAX_DEPTH:
                raise Refused(f"calls nest more than {MAX_DEPTH} deep (a macro calling itself?)")
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            if budget is not None:
                budget.depth -= 1
        return _bounded_result(what, result)

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        budget = _tick()
        if budget is not None:
            budget.templates += 1
            if budget.templates > MAX_TEMPLATES:
                raise Refused(
                    f"more than {MAX_TEMPLATES} includes, extends or imports "
                    "(a template including itself?)"
                )
        return super().get_template(name, parent, globals)

    def select_template(self, names: Any, parent: Any = None, globals: Any = None) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            budget.templates += 1
            if budget.templates > MAX_TEMPLATES:
                raise Refused(f"more than {MAX_TEMPLATES} includes, extends or imports")
        return super().select_template(names, parent, globals)


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise Refused("the product is too large for a post")
        return
    for seq, times in ((left, right), (right, left)):
        repeated = isinstance(seq, str | list | tuple) and isinstance(times, int) and times > 0
        if repeated and (weight(seq) * times > MAX_TEXT or len(seq) * times > MAX_ITEMS):
            raise Refused(f"the repetition would be longer than {MAX_TEXT:,} characters")


class TemplateFileInvalid(SecurityError):
    """A template file that is not a small regular UTF-8 text file inside its folder."""


class BoundedLoader(FileSystemLoader):
    """FileSystemLoader that reads only small regular UTF-8 files inside its folders."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename):
                break
        else:
            raise TemplateNotFound(template)
        contents = read_template(filename, searchpath)
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), uptodate


def read_template(filename: str, folder: str) -> str:
    from stat import S_ISREG

    shown = _shown(filename)
    root = os.path.realpath(folder)
    real = os.path.realpath(filename)
    if os.path.commonpath([root, real]) != root:
        raise TemplateFileInvalid(f"{shown} links outside its templates folder; copy the file in")
    try:
        info = os.stat(real)
    except OSError as error:
        raise TemplateFileInvalid(f"{shown}: cannot read the template ({error.strerror})") from None
    if not S_ISREG(info.st_mode):
        raise TemplateFileInvalid(f"{shown} is not a regular file")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise TemplateFileInvalid(
            f"{shown} is {info.st_size:,} bytes; a template may have {MAX_TEMPLATE_BYTES:,}"
        )
    try:
        with open(real, "rb") as file:
            raw = file.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as error:
        raise TemplateFileInvalid(f"{shown}: cannot read the template ({error.strerror})") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateFileInvalid(f"{shown} is larger than {MAX_TEMPLATE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateFileInvalid(f"{shown}:{line} is not UTF-8 text; save it as UTF-8") from None
    bad = unsafe_character(text)
    if bad is not None:
        index = next(i for i, c in enumerate(text) if f"U+{ord(c):04X}" == bad)
        line = text.count("\n", 0, index) + 1
        raise TemplateFileInvalid(f"{shown}:{line} holds the control character {bad}; remove it")
    return text


def _shown(filename: str) -> str:
    """A template's path as the user would type it: relative when under the working folder."""
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        return filename
    return filename if relative.startswith("..") else relative
