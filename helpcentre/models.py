"""Help pages written by offices: criteria, forms, regulations, manuals per role and FAQs, with their history.

A page belongs to one scope: national (both office columns empty), a province office or an area office.
Published pages are public to read (the poster's QR code opens them without a login); drafts are seen only
by the staff who may edit their scope. The words of each published page are indexed in `PageWord` for Thai
word search (helpcentre.search), so a query matches whole words, never pieces of longer ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from org.models import AreaOffice, Province

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class PageQuerySet(models.QuerySet["Page"]):
    def published(self) -> PageQuerySet:
        return self.filter(status=Page.Status.PUBLISHED)

    def for_places(self, area_office_ids: frozenset[int], province_ids: frozenset[int]) -> PageQuerySet:
        """National pages and those of these area and province offices."""
        national = Q(area_office__isnull=True, province__isnull=True)
        return self.filter(national | Q(area_office_id__in=area_office_ids) | Q(province_id__in=province_ids))

    def visible_to(self, user: Any) -> PageQuerySet:
        """Every published page (they are public), and the drafts of scopes the user may edit."""
        from helpcentre.access import editable_filter
        from org.scope import scope_of

        if scope_of(user).is_system_admin:
            return self.all()  # editable_filter is Q() for them, and Q(x) | Q() would be Q(x) alone
        return self.filter(Q(status=Page.Status.PUBLISHED) | editable_filter(user))

    def editable_by(self, user: Any) -> PageQuerySet:
        from helpcentre.access import editable_filter

        return self.filter(editable_filter(user))


class Page(models.Model):
    class Kind(models.TextChoices):
        CRITERIA = "criteria", _("หลักเกณฑ์")
        FORMS = "forms", _("แบบฟอร์ม")
        REGULATIONS = "regulations", _("ระเบียบและหนังสือเวียน")
        MANUAL = "manual", _("คู่มือการใช้งาน")
        FAQ = "faq", _("คำถามที่พบบ่อย")

    class Audience(models.TextChoices):
        EVERYONE = "", _("ทุกคน")
        TEACHER = "teacher", _("ครู")
        DIRECTOR = "director", _("ผู้อำนวยการสถานศึกษา")
        COMMITTEE = "committee", _("กรรมการประเมิน")
        AREA_STAFF = "area_staff", _("เจ้าหน้าที่สำนักงานเขตพื้นที่")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind)
    audience = models.CharField(_("สำหรับ"), max_length=20, choices=Audience, blank=True, default="")
    title = models.CharField(_("ชื่อหน้า"), max_length=200)
    summary = models.CharField(_("สรุปสั้น ๆ"), max_length=300, blank=True)
    body = models.TextField(_("เนื้อหา (Markdown)"), blank=True)
    # Rendered from `body` with Markdown and sanitised with nh3 on every save; never written by hand.
    body_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)  # plain text, for search snippets
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True, related_name="help_pages")
    area_office = models.ForeignKey(
        AreaOffice, on_delete=models.PROTECT, null=True, blank=True, related_name="help_pages"
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status, default=Status.DRAFT)
    position = models.PositiveIntegerField(_("ลำดับ"), default=100)
    revision = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    if TYPE_CHECKING:
        keys: RelatedManager[PageKey]
        files: RelatedManager[PageFile]
        revisions: RelatedManager[PageRevision]

    class Meta:
        verbose_name = _("หน้าศูนย์ช่วยเหลือ")
        verbose_name_plural = _("หน้าศูนย์ช่วยเหลือ")
        ordering = ["kind", "position", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="help_page_one_scope", condition=Q(province__isnull=True) | Q(area_office__isnull=True)
            )
        ]
        indexes = [models.Index(fields=["status", "kind"], name="help_page_status_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def scope_label(self) -> str:
        if self.area_office_id:
            return str(self.area_office)
        if self.province_id:
            return str(_("สำนักงานศึกษาธิการจังหวัด%(name)s") % {"name": self.province})
        return str(_("ส่วนกลาง (ทั้งประเทศ)"))


class PageKey(models.Model):
    """A context-help key the page explains: "indicator:1.1", "section:workload", "section:challenge", "pa2"."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="help_page_key_unique")]
        indexes = [models.Index(fields=["key"], name="help_page_key")]

    def __str__(self) -> str:
        return self.key


class PageRevision(models.Model):
    """The page as one save left it: who changed what, and when."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    keys = models.CharField(max_length=600, blank=True)
    note = models.CharField(_("บันทึกการแก้ไข"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="help_revision_unique")]

    def __str__(self) -> str:
        return f"{self.page_id} r{self.number}"


class PageWord(models.Model):
    """One word of a published page (newmm segmentation), with how often it occurs: the search index."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "word"], name="help_word_unique")]
        indexes = [models.Index(fields=["word"], name="help_word")]

    def __str__(self) -> str:
        return self.word


class PageFile(models.Model):
    """A file staff attach to a page (the blank official forms, a circular as PDF), checked by its content."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("ชื่อไฟล์"), max_length=200)
    file = models.FileField(upload_to="helpcentre/%Y/", max_length=300)
    content_type = models.CharField(max_length=120)
    file_type = models.CharField(max_length=20)  # evidence.sniff code: pdf, docx, xlsx …
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
