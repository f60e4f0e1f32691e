from django.urls import path

from helpcentre import views

urlpatterns = [
    path("help/", views.help_home, name="help_home"),
    path("help/area/<str:code>/", views.help_area, name="help_area"),
    path("help/search/", views.help_search, name="help_search"),
    path("help/key/<str:key>/", views.help_key, name="help_key"),
    path("help/pages/<int:pk>/", views.help_page, name="help_page"),
    path("help/manage/", views.help_manage, name="help_manage"),
    path("help/pages/new/", views.help_page_new, name="help_page_new"),
    path("help/pages/<int:pk>/edit/", views.help_page_edit, name="help_page_edit"),
    path("help/pages/<int:pk>/publish/", views.help_page_publish, name="help_page_publish"),
    path("help/pages/<int:pk>/unpublish/", views.help_page_unpublish, name="help_page_unpublish"),
    path("help/pages/<int:pk>/history/", views.help_page_history, name="help_page_history"),
    path("help/pages/<int:pk>/files/", views.help_file_add, name="help_file_add"),
    path("help/files/<int:pk>/", views.help_file, name="help_file"),
    path("help/files/<int:pk>/remove/", views.help_file_remove, name="help_file_remove"),
    path("help/preview/", views.help_preview, name="help_preview"),
]
