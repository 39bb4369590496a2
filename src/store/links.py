"""A person's rulings on matching: "these two actions are one" (link) and "this edition's
record is not that action's earlier self" (unlink).

Rulings are stored against records (edition + position), not action ids, because ids are
re-derived when a plan's history is rebuilt; every rebuild applies them again, so they survive
re-imports and editions arriving out of order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planingest.errors import NotFound, Refused
from planingest.store.chains import Chain, RecordAnchor
from planingest.store.models import Action, ManualLink, Plan, PlanVersion
from planingest.store.versions import rebuild_plan, walk


def _chain_of(session: Session, action_id: int) -> tuple[Plan, Chain, dict[int, int]]:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(f"no action {action_id}", kind="action", key=action_id)
    plan = session.get_one(Plan, action.plan_id)
    versions = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id)))
    chains, _ = walk(session, plan, versions)
    anchor = (action.first_plan_version_id, action.first_record_no)
    chain = next(c for c in chains if c.members and c.members[0] == anchor)
    seq = {v.id: v.edition_seq for v in versions if v.edition_seq is not None}
    return plan, chain, seq


def _rule(
    session: Session,
    plan: Plan,
    kind: str,
    earlier: RecordAnchor,
    later: RecordAnchor,
    now: datetime,
) -> None:
    session.execute(
        delete(ManualLink).where(
            ManualLink.later_version_id == later[0],
            ManualLink.later_record_no == later[1],
            ManualLink.earlier_version_id == earlier[0],
            ManualLink.earlier_record_no == earlier[1],
        )
    )
    session.add(
        ManualLink(
            plan_id=plan.id,
            kind=kind,
            earlier_version_id=earlier[0],
            earlier_record_no=earlier[1],
            later_version_id=later[0],
            later_record_no=later[1],
            created_at=now,
        )
    )
    session.flush()
    rebuild_plan(session, plan)


def _action_at(session: Session, plan: Plan, anchor: RecordAnchor) -> int:
    """The action that starts at a record (after a rebuild)."""
    return session.scalars(
        select(Action.id).where(
            Action.plan_id == plan.id,
            Action.first_plan_version_id == anchor[0],
            Action.first_record_no == anchor[1],
        )
    ).one()


def link(session: Session, action_a: int, action_b: int, now: datetime) -> int:
    """Make the action that starts later continue the one that starts earlier; returns the id
    of the joined action."""
    plan_a, chain_a, seq = _chain_of(session, action_a)
    plan_b, chain_b, _ = _chain_of(session, action_b)
    if plan_a.id != plan_b.id:
        raise Refused(f"actions {action_a} and {action_b} belong to different plans")
    first, second = sorted((chain_a, chain_b), key=lambda c: seq[c.members[0][0]])
    start = seq[second.members[0][0]]
    before = [m for m in first.members if seq[m[0]] < start]
    if not before:
        raise Refused(f"actions {action_a} and {action_b} start in the same edition")
    _rule(session, plan_a, "link", before[-1], second.members[0], now)
    return _action_at(session, plan_a, first.members[0])


def unlink(session: Session, action_id: int, version_no: int, now: datetime) -> int:
    """Split an action: its record in edition ``version_no`` starts a new action, whose id is
    returned."""
    plan, chain, seq = _chain_of(session, action_id)
    version = session.scalar(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id, PlanVersion.version_no == version_no
        )
    )
    position = next(
        (i for i, m in enumerate(chain.members) if version and m[0] == version.id), None
    )
    if position is None or position == 0:
        raise Refused(f"action {action_id} has no earlier self to part from in v{version_no}")
    _rule(session, plan, "unlink", chain.members[position - 1], chain.members[position], now)
    return _action_at(session, plan, chain.members[position])
