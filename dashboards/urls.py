from django.urls import path

from dashboards import views

urlpatterns = [
    path("dashboards/", views.dashboard_home, name="dashboard_home"),
    path("dashboards/national/", views.national_dashboard, name="national_dashboard"),
    path("dashboards/provinces/<int:pk>/", views.province_dashboard, name="province_dashboard"),
    path("dashboards/areas/<int:pk>/", views.area_dashboard, name="area_dashboard"),
    path("dashboards/schools/<int:pk>/", views.school_dashboard, name="school_dashboard"),
    path("dashboards/schools/<int:pk>/results/", views.school_results, name="school_results"),
]
