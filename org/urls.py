from django.urls import path

from org import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("system/", views.system_home, name="system_home"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("schools/<int:pk>/people/new/", views.school_person_create, name="school_person_create"),
    path("areas/<int:pk>/", views.area_office_detail, name="area_office_detail"),
    path("provinces/<int:pk>/", views.province_detail, name="province_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
]
