from decimal import Decimal

from committees.models import Evaluation
from tests.committees.factories import round_for, score
from tests.conftest import Cast


def test_three_sheets_at_level_3_pass(cast: Cast) -> None:
    round_ = round_for(cast)
    sheets = [score(cast, round_, n) for n in (1, 2, 3)]
    assert [s.total for s in sheets] == [Decimal(75)] * 3
    evaluation = Evaluation.objects.get(pk=round_.evaluation.pk)
    assert evaluation.result_passed is True
