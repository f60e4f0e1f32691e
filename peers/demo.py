"""Mentors for the demo: a ชำนาญการพิเศษ teacher or two per area office volunteer, through the service.

Idempotent: a teacher already registered as a mentor is left as she is.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from org.models import LearningArea, Membership, Role, User
from peers.models import Mentor
from peers.services import mentor_save

PER_AREA = 2
STANDINGS = ("senior_professional", "expert", "senior_expert")


@transaction.atomic
def build_peers_demo() -> int:
    """Register demo mentors; returns how many were new (0 on a second run)."""
    memberships = (
        Membership.objects.active()
        .filter(role=Role.TEACHER, user__person__standing__in=STANDINGS, user__person__mentor_profile__isnull=True)
        .select_related("user__person", "school")
        .order_by("school__area_office_id", "school__code", "pk")
    )
    taken = Counter(Mentor.objects.values_list("area_office_id", flat=True))
    created = 0
    for membership in memberships:
        area_id = membership.school.area_office_id if membership.school else 0
        if taken[area_id] >= PER_AREA:
            continue
        person = membership.user.person
        learning_area = person.learning_area or LearningArea.THAI
        mentor_save(
            actor=User.objects.get(pk=membership.user_id),
            learning_areas=[learning_area],
            bio=f"ครู{person.get_standing_display()} ยินดีให้คำแนะนำการเขียนข้อตกลงและประเด็นท้าทาย",
            contact_preference=Mentor.Contact.IN_SYSTEM,
        )
        taken[area_id] += 1
        created += 1
    return created
