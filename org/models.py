"""Organisations (province → area office → school), accounts, people and their roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org.validators import validate_area_office_code, validate_school_code, validate_standing
from rulebook import DEFAULT_EDITION, load_edition

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


def standing_choices() -> list[tuple[str, str]]:
    return [(standing.code, standing.name) for standing in load_edition(DEFAULT_EDITION).standings]


def academic_rank_choices() -> list[tuple[str, str]]:
    return [(rank.code, rank.name) for rank in load_edition(DEFAULT_EDITION).committee.academic_ranks]


class ProvinceQuerySet(models.QuerySet["Province"]):
    def visible_to(self, user: Any) -> ProvinceQuerySet:
        from org.scope import scope_of

        return self.filter(scope_of(user).province_filter())


class AreaOfficeQuerySet(models.QuerySet["AreaOffice"]):
    def visible_to(self, user: Any) -> AreaOfficeQuerySet:
        from org.scope import scope_of

        return self.filter(scope_of(user).area_office_filter())


class Province(models.Model):
    code = models.CharField(_("รหัสจังหวัด"), max_length=2, unique=True)
    name = models.CharField(_("ชื่อจังหวัด"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อจังหวัด (อังกฤษ)"), max_length=100, blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AreaOffice(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("สพป. (ประถมศึกษา)")
        SECONDARY = "secondary", _("สพม. (มัธยมศึกษา)")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="area_offices")
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind)
    code = models.CharField(_("รหัสเขตพื้นที่"), max_length=8, unique=True, validators=[validate_area_office_code])
    name = models.CharField(_("ชื่อสำนักงานเขตพื้นที่การศึกษา"), max_length=200, unique=True)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=60)
    phone = models.CharField(_("โทรศัพท์"), max_length=40, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)

    objects = AreaOfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("สำนักงานเขตพื้นที่การศึกษา")
        verbose_name_plural = _("สำนักงานเขตพื้นที่การศึกษา")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name


class SchoolQuerySet(models.QuerySet["School"]):
    def visible_to(self, user: Any) -> SchoolQuerySet:
        from org.scope import scope_of

        return self.filter(scope_of(user).school_filter())


class School(models.Model):
    code = models.CharField(_("รหัสโรงเรียน"), max_length=20, unique=True, validators=[validate_school_code])
    name = models.CharField(_("ชื่อโรงเรียน"), max_length=200)
    area_office = models.ForeignKey(AreaOffice, on_delete=models.PROTECT, related_name="schools")
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=40, blank=True)
    thai_digits_in_documents = models.BooleanField(_("ใช้เลขไทยในเอกสาร"), default=False)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("โรงเรียน")
        verbose_name_plural = _("โรงเรียน")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    def create_user(self, username: str, password: str | None = None, **fields: Any) -> User:
        if fields.get("email"):
            fields["email"] = self.normalize_email(fields["email"]).lower()
        user = self.model(username=username, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. People log in with their national ID or email; a school admin account with its school code."""

    username = models.CharField(_("ชื่อผู้ใช้"), max_length=64, unique=True)
    email = models.EmailField(_("อีเมล"), blank=True, null=True, unique=True)
    display_name = models.CharField(_("ชื่อที่แสดง"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ใช้งานได้"), default=True)
    is_staff = models.BooleanField(_("เข้าหน้าผู้ดูแลระบบได้"), default=False)
    must_change_password = models.BooleanField(_("ต้องเปลี่ยนรหัสผ่าน"), default=False)
    thai_digits = models.BooleanField(_("แสดงตัวเลขเป็นเลขไทย"), default=False)
    date_joined = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    if TYPE_CHECKING:
        memberships: RelatedManager[Membership]
        person: Person

    class Meta:
        verbose_name = _("บัญชีผู้ใช้")
        verbose_name_plural = _("บัญชีผู้ใช้")

    def __str__(self) -> str:
        return self.display_name or self.username


class Prefix(models.TextChoices):
    MR = "นาย", "นาย"
    MRS = "นาง", "นาง"
    MISS = "นางสาว", "นางสาว"
    ACTING_SUB_LT = "ว่าที่ร้อยตรี", "ว่าที่ร้อยตรี"
    ACTING_SUB_LT_F = "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรีหญิง"
    DR = "ดร.", "ดร."
    ASST_PROF = "ผศ.", "ผศ."
    ASSOC_PROF = "รศ.", "รศ."
    PROF = "ศ.", "ศ."


class Position(models.TextChoices):
    ASSISTANT_TEACHER = "assistant_teacher", _("ครูผู้ช่วย")
    TEACHER = "teacher", _("ครู")
    DIRECTOR = "director", _("ผู้อำนวยการสถานศึกษา")
    DEPUTY_DIRECTOR = "deputy_director", _("รองผู้อำนวยการสถานศึกษา")
    SUPERVISOR = "supervisor", _("ศึกษานิเทศก์")
    FORMER_SUPERVISOR = "former_supervisor", _("อดีตศึกษานิเทศก์")
    LECTURER = "lecturer", _("ผู้สอนในสถาบันอุดมศึกษา")
    EDUCATION_OFFICER = "education_officer", _("บุคลากรทางการศึกษา")
    INSPECTOR = "inspector", _("ศึกษาธิการ/ผู้ตรวจราชการ")
    EXPERT = "expert", _("ผู้ทรงคุณวุฒิ")


class LearningArea(models.TextChoices):
    THAI = "thai", _("ภาษาไทย")
    MATHEMATICS = "mathematics", _("คณิตศาสตร์")
    SCIENCE = "science", _("วิทยาศาสตร์และเทคโนโลยี")
    SOCIAL = "social", _("สังคมศึกษา ศาสนา และวัฒนธรรม")
    HEALTH = "health", _("สุขศึกษาและพลศึกษา")
    ARTS = "arts", _("ศิลปะ")
    CAREERS = "careers", _("การงานอาชีพ")
    FOREIGN_LANGUAGES = "foreign_languages", _("ภาษาต่างประเทศ")
    EARLY_CHILDHOOD = "early_childhood", _("ปฐมวัย")
    SPECIAL_EDUCATION = "special_education", _("การศึกษาพิเศษ")
    GUIDANCE = "guidance", _("แนะแนวและกิจกรรมพัฒนาผู้เรียน")


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: Any) -> PersonQuerySet:
        from org.scope import scope_of

        return self.filter(scope_of(user).person_filter()).distinct()


class Person(models.Model):
    user = models.OneToOneField(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person")
    prefix = models.CharField(_("คำนำหน้าชื่อ"), max_length=30, choices=Prefix)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    first_name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=100, blank=True)
    last_name_en = models.CharField(_("นามสกุล (อังกฤษ)"), max_length=100, blank=True)
    national_id_digest = models.CharField(max_length=64, unique=True, editable=False)
    national_id_masked = models.CharField(_("เลขประจำตัวประชาชน"), max_length=20, editable=False)
    position = models.CharField(_("ตำแหน่ง"), max_length=30, choices=Position)
    standing = models.CharField(
        _("วิทยฐานะ"), max_length=30, choices=standing_choices, blank=True, validators=[validate_standing]
    )
    academic_rank = models.CharField(_("ตำแหน่งทางวิชาการ"), max_length=30, choices=academic_rank_choices, blank=True)
    salary_grade = models.CharField(_("อันดับ"), max_length=20, blank=True)
    salary = models.DecimalField(_("เงินเดือน (บาท)"), max_digits=9, decimal_places=2, null=True, blank=True)
    learning_area = models.CharField(_("กลุ่มสาระการเรียนรู้"), max_length=30, choices=LearningArea, blank=True)
    organisation = models.CharField(_("สังกัด/หน่วยงาน (กรณีบุคคลภายนอก)"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("บุคคล")
        verbose_name_plural = _("บุคคล")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        # Academic and military prefixes attach without a space in Thai usage.
        return f"{self.prefix}{self.first_name} {self.last_name}"

    @property
    def full_name_en(self) -> str:
        return f"{self.first_name_en} {self.last_name_en}".strip()


class Role(models.TextChoices):
    TEACHER = "teacher", _("ครู")
    DIRECTOR = "director", _("ผู้อำนวยการสถานศึกษา")
    SCHOOL_ADMIN = "school_admin", _("ผู้ดูแลระบบของโรงเรียน")
    AREA_STAFF = "area_staff", _("เจ้าหน้าที่สำนักงานเขตพื้นที่การศึกษา")
    PROVINCE_INSPECTOR = "province_inspector", _("ผู้ตรวจราชการ/สำนักงานศึกษาธิการจังหวัด")
    EXTERNAL_EVALUATOR = "external_evaluator", _("กรรมการประเมินภายนอก")
    SYSTEM_ADMIN = "system_admin", _("ผู้ดูแลระบบ")


SCHOOL_ROLES = (Role.TEACHER, Role.DIRECTOR, Role.SCHOOL_ADMIN)


class EvaluatorKind(models.TextChoices):
    SUPERVISOR = "supervisor", _("ศึกษานิเทศก์ (ปัจจุบันหรือเคยดำรงตำแหน่ง)")
    LECTURER = "lecturer", _("ผู้สอนในสถาบันอุดมศึกษา")
    OTHER_SCHOOL_TEACHER = "other_school_teacher", _("ครูผู้สอนจากสถานศึกษาอื่น")
    EXPERT = "expert", _("ผู้ทรงคุณวุฒิ")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)


class Membership(models.Model):
    """A role with its scope: teacher at a school, area office staff of an area, and so on."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=30, choices=Role)
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    area_office = models.ForeignKey(
        AreaOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    evaluator_kind = models.CharField(_("ประเภทกรรมการภายนอก"), max_length=30, choices=EvaluatorKind, blank=True)
    note = models.CharField(_("หมายเหตุ/เหตุผล"), max_length=300, blank=True)
    # One text key per scope makes (user, role, scope) unique on every database, nulls included.
    scope_key = models.CharField(max_length=40, editable=False)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("บทบาท")
        verbose_name_plural = _("บทบาท")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "scope_key"], name="membership_unique_scope"),
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role__in=[r.value for r in SCHOOL_ROLES],
                        school__isnull=False,
                        area_office__isnull=True,
                        province__isnull=True,
                    )
                    | Q(role=Role.AREA_STAFF, school__isnull=True, area_office__isnull=False, province__isnull=True)
                    | Q(
                        role=Role.PROVINCE_INSPECTOR,
                        school__isnull=True,
                        area_office__isnull=True,
                        province__isnull=False,
                    )
                    | Q(
                        role__in=[Role.EXTERNAL_EVALUATOR, Role.SYSTEM_ADMIN],
                        school__isnull=True,
                        area_office__isnull=True,
                        province__isnull=True,
                    )
                ),
            ),
        ]
        indexes = [models.Index(fields=["school", "role", "is_active"], name="membership_school_role")]

    def __str__(self) -> str:
        scope = self.school or self.area_office or self.province
        return f"{self.get_role_display()} · {scope}" if scope else str(self.get_role_display())

    @property
    def scope(self) -> School | AreaOffice | Province | None:
        return self.school or self.area_office or self.province
