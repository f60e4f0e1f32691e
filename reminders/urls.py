from django.urls import path

from reminders import views

urlpatterns = [
    path("next-steps/", views.next_steps, name="next_steps"),
    path("areas/<int:pk>/calendar/", views.area_calendar_current, name="area_calendar_current"),
    path("areas/<int:pk>/calendar/<int:year>/", views.area_calendar, name="area_calendar"),
    path("schools/<int:pk>/calendar/", views.school_calendar_current, name="school_calendar_current"),
    path("schools/<int:pk>/calendar/<int:year>/", views.school_calendar, name="school_calendar"),
]
