"""dict_init: the records it speeds up build exactly as the dataclass-generated __init__ would, and stay frozen."""

import dataclasses
import inspect

import pytest

from core.extract.lexmatch import LexMatch
from core.extract.mentions.times.scan import _Hit
from core.extract.segment import Segment
from core.model import ActorMention, Event, NumberMention, PlaceMention, TimeMention, TriggerMention, dict_init

RECORDS = [ActorMention, Event, LexMatch, NumberMention, PlaceMention, Segment, TimeMention, TriggerMention, _Hit]


def _generated(cls):
    """The same class with the __init__ dataclasses generates."""
    plain = type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__), "__module__": cls.__module__})
    for f in dataclasses.fields(cls):
        setattr(plain, f.name, f)
    return dataclasses.dataclass(frozen=True)(plain)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_same_signature_defaults_and_frozen(cls):
    generated = _generated(cls)
    ours, theirs = inspect.signature(cls.__init__).parameters, inspect.signature(generated.__init__).parameters
    assert list(ours) == list(theirs)
    required = [n for n, p in theirs.items() if n != "self" and p.default is inspect.Parameter.empty]
    args = {n: f"v{i}" for i, n in enumerate(required)}
    a, b = cls(**args), generated(**args)
    assert {f.name: getattr(a, f.name) for f in dataclasses.fields(cls)} == {
        f.name: getattr(b, f.name) for f in dataclasses.fields(generated)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.__setattr__(required[0], "x")
    assert dataclasses.replace(a, **{required[0]: "y"}) == cls(**{**args, required[0]: "y"})
    assert hash(a) == hash(cls(**args))


def test_default_factory_gives_a_new_object_each_time():
    e1 = Event(*[None] * 28)
    e2 = Event(*[None] * 28)
    assert e1.extra == {} and e1.extra is not e2.extra


def test_refuses_a_class_with_post_init():
    @dataclasses.dataclass(frozen=True)
    class WithPost:
        a: int

        def __post_init__(self):
            pass

    with pytest.raises(TypeError):
        dict_init(WithPost)
