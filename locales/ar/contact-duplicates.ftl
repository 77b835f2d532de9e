# جهات الاتصال المكررة المحتملة ودمجها.
contact-duplicates-title = قد يكون هذا الشخص مسجلًا بالفعل
contact-duplicates-text = لجهات الاتصال هذه اسم قريب أو البريد الإلكتروني نفسه. افتحها للتحقق، أو أكّد أن الأمر يتعلق بشخص آخر.
contact-duplicates-same-email = البريد الإلكتروني نفسه
contact-duplicates-confirm = إنه شخص آخر: أنشئ جهة الاتصال على أي حال
contact-merge-title = تكرارات محتملة
contact-merge-lead = ينقل الدمج مناصب جهة الاتصال الأخرى وسجلها إلى هنا ويكمل البيانات الناقصة لهذه الجهة، ثم تختفي الجهة الأخرى. لا يمكن التراجع عن ذلك.
contact-merge-into-this = دمج في جهة الاتصال هذه
notice-contacts-merged = تم دمج جهتي الاتصال.
