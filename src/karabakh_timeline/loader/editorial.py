"""Editorial control: ``content/events.yaml`` fixes, hides, merges and adds events.

A list of edits, each with exactly one action::

    - fix: e-3f0c1a2b4d          # give an event another date
      start: 2020-10-10
      end: 2020-10-12            # optional (omit for a point)
    - hide: e-0a1b2c3d4e         # leave an event off the timeline
    - merge: [e-1111111111, e-2222222222]   # one event told twice: the first stays
    - add:                       # an event no article states, with its own source
        start: 2020-11-10
        text: Armenia, Azerbaijan and Russia sign a statement ending the war.
        source: Kremlin statement
        url: https://example.org/statement

Ids are the stable ids of ``events.json``. Unknown ids, dates that are not TIMEX3
calendar values and conflicting edits are errors naming the file and line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BuildError, Problem, yaml_problem
from ..models import Event
from ..values import parse_value

if TYPE_CHECKING:
    import yaml

EDITS_FILE = "events.yaml"
ACTIONS = ("fix", "hide", "merge", "add")
_ADD_KEYS = {"start", "end", "text", "headline", "source", "url"}


@dataclass(frozen=True, slots=True)
class Edit:
    action: str
    line: int
    ids: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    fields: tuple[tuple[str, str], ...] = ()


def load_edits(content_dir: Path) -> list[Edit]:
    """Read and validate ``events.yaml``; an absent file means no edits."""
    path = content_dir / EDITS_FILE
    if not path.is_file():
        return []
    import yaml  # (here: only a site with an events.yaml needs it)

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise BuildError(yaml_problem(path, error)) from error
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise BuildError(
            Problem(
                path,
                "expected a list of edits ('- fix: ...', '- hide: ...')",
                root.start_mark.line + 1,
            )
        )
    problems: list[Problem] = []
    edits = [e for node in root.value if (e := _edit(node, path, problems)) is not None]
    if problems:
        raise BuildError(problems)
    return edits


def _edit(node: yaml.Node, path: Path, problems: list[Problem]) -> Edit | None:
    import yaml

    line = node.start_mark.line + 1
    item = yaml.safe_load(yaml.serialize(node))
    if not isinstance(item, dict):
        problems.append(Problem(path, f"expected an edit with one of {', '.join(ACTIONS)}", line))
        return None
    actions = [key for key in item if key in ACTIONS]
    if len(actions) != 1:
        problems.append(
            Problem(path, f"expected exactly one of {', '.join(ACTIONS)} in each edit", line)
        )
        return None
    action = actions[0]
    allowed = {action} | ({"start", "end"} if action == "fix" else set()) | {"note"}
    unknown = sorted(str(key) for key in item if key not in allowed)
    if unknown:
        problems.append(Problem(path, f"unknown keys {unknown} in a '{action}' edit", line, action))
        return None
    if action == "add":
        return _added(item["add"], path, line, problems)
    ids = item[action] if isinstance(item[action], list) else [item[action]]
    if not ids or not all(isinstance(i, str) and re.fullmatch(r"e-[0-9a-f]{10}", i) for i in ids):
        problems.append(
            Problem(path, f"expected event ids like e-3f0c1a2b4d after '{action}'", line, action)
        )
        return None
    if action == "merge" and len(ids) < 2:
        problems.append(Problem(path, "expected at least two event ids to merge", line, action))
        return None
    if action == "fix":
        start, end = _date(item.get("start"), "start", path, line, problems), None
        if "end" in item and item["end"] is not None:
            end = _date(item["end"], "end", path, line, problems)
        if start is None or ("end" in item and item["end"] is not None and end is None):
            return None
        if end is not None and not _ordered(start, end):
            problems.append(Problem(path, f"end {end} comes before start {start}", line, "end"))
            return None
        return Edit(action, line, tuple(ids), start, end)
    return Edit(action, line, tuple(ids))


def _added(spec: Any, path: Path, line: int, problems: list[Problem]) -> Edit | None:
    if not isinstance(spec, dict):
        problems.append(Problem(path, "expected 'add' to hold start, text and source", line, "add"))
        return None
    unknown = sorted(str(k) for k in spec if k not in _ADD_KEYS)
    missing = sorted(k for k in ("start", "text", "source") if not spec.get(k))
    if unknown or missing:
        what = f"unknown keys {unknown}" if unknown else f"missing {', '.join(missing)}"
        problems.append(
            Problem(
                path, f"{what}; expected start, text, source (and end, headline, url)", line, "add"
            )
        )
        return None
    start = _date(spec["start"], "start", path, line, problems)
    end = _date(spec["end"], "end", path, line, problems) if spec.get("end") else None
    url = str(spec.get("url") or "")
    if url and not re.match(r"^https?://\S+$", url):
        problems.append(
            Problem(path, f"expected url to be an http(s) address, got {url!r}", line, "url")
        )
        return None
    if start is None or (spec.get("end") and end is None):
        return None
    fields = tuple(
        (key, " ".join(str(spec[key]).split()))
        for key in ("text", "headline", "source", "url")
        if spec.get(key)
    )
    return Edit("add", line, (), start, end, fields)


def _date(value: Any, key: str, path: Path, line: int, problems: list[Problem]) -> str | None:
    text = (
        value.isoformat()
        if hasattr(value, "isoformat")
        else str(value)
        if value is not None
        else ""
    )
    if parse_value(text) is None:
        problems.append(
            Problem(
                path,
                f"expected {key} as a date such as 2020-10-09, 2020-10 or 1988, got {value!r}",
                line,
                key,
            )
        )
        return None
    return text


def _ordered(start: str, end: str) -> bool:
    first, last = parse_value(start), parse_value(end)
    return first is not None and last is not None and first.first <= last.last


def apply_edits(events: list[Event], edits: list[Edit], path: Path) -> list[Event]:
    """The events after the editor's changes; problems with ids or conflicts raise."""
    by_id = {event.id: event for event in events}
    problems: list[Problem] = []
    claimed: dict[str, tuple[str, int]] = {}  # event id -> (action, line) that edits it
    for edit in edits:
        for event_id in edit.ids:
            if event_id not in by_id:
                problems.append(
                    Problem(
                        path,
                        f"no event has the id {event_id} (see events.json)",
                        edit.line,
                        edit.action,
                    )
                )
                continue
            previous = claimed.get(event_id)
            if previous is not None:
                problems.append(
                    Problem(
                        path,
                        f"{event_id} is edited twice: '{previous[0]}' on line {previous[1]} and "
                        f"'{edit.action}' here; expected one edit per event",
                        edit.line,
                        edit.action,
                    )
                )
            claimed[event_id] = (edit.action, edit.line)
    if problems:
        raise BuildError(problems)
    result = {event.id: event for event in events}
    for edit in edits:
        if edit.action == "fix":
            _fix(result, edit, claimed)
        elif edit.action == "hide":
            result.pop(edit.ids[0], None)
        elif edit.action == "merge":
            keeper = result[edit.ids[0]]
            absorbed = tuple(result.pop(i) for i in edit.ids[1:])
            result[keeper.id] = dataclasses.replace(
                keeper, also_reported=keeper.also_reported + absorbed
            )
        else:
            added = _added_event(edit)
            result[added.id] = added
    return list(result.values())


def _fix(result: dict[str, Event], edit: Edit, claimed: dict[str, tuple[str, int]]) -> None:
    target = edit.ids[0]
    result[target] = dataclasses.replace(
        result[target],
        start=edit.start,
        end=edit.end,
        status="edited",
        open_end=False,
        open_start=False,
        before=None,
        after=None,
    )
    # Sentences that inherited the old date follow the fix, unless edited themselves.
    for event_id, event in list(result.items()):
        if event.inherited_from != target or event_id in claimed:
            continue
        if event.status == "inherited":
            result[event_id] = dataclasses.replace(
                event, start=edit.start, end=edit.end, open_end=False
            )
        elif event.status == "ordered":
            if event.after:
                result[event_id] = dataclasses.replace(event, after=edit.end or edit.start)
            else:
                result[event_id] = dataclasses.replace(event, before=edit.start)


def _added_event(edit: Edit) -> Event:
    from .events import headline  # (see the loader's analyse_article)

    fields = dict(edit.fields)
    text = fields["text"]
    key = "\x1f".join(("added", edit.start or "", text))
    return Event(
        id="e-" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest(),
        article="",
        paragraph=0,
        start_offset=0,
        end_offset=len(text),
        sentences=(text,),
        headline=fields.get("headline") or headline(text),
        status="added",
        start=edit.start,
        end=edit.end,
        timex=None,
        source_title=fields["source"],
        source_url=fields.get("url"),
    )
