## The API reference page: groups added after the first release
apidocs-tag-notifications = الإشعارات
