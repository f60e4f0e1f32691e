"""Committee URLs, one module per area of work: appointing (manage), scoring, results."""

from committees.urls import manage, results, scoring

urlpatterns = [*manage.urlpatterns, *scoring.urlpatterns, *results.urlpatterns]
