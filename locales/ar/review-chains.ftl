## Administration of review chains
chains-nav = سلاسل المراجعة
chains-title = سلاسل المراجعة
chains-lead = لكل نوع من الاتفاقيات، المراحل التي تمر بها المسودة المُحالة بالترتيب. يسري التغيير على الإحالة التالية.
chains-default = افتراضية
chains-lead-unit = الوحدة المسؤولة عن الاتفاقية
chains-any-unit = أي وحدة
chains-step-summary = { $role } ({ $unit })، { $days } يومًا
chains-edit-title = سلسلة المراجعة: { $kind }
chains-edit-lead = اختر لكل مرحلة الدور والوحدة والمهلة بالأيام؛ اترك الدور فارغًا لحذف المرحلة.
chains-step = المرحلة { $number }
chains-no-step = بدون مرحلة
chains-days = المهلة (بالأيام)
