app_name = "complaint_accountability"
app_title = "Complaint Accountability"
app_publisher = "complaint_accountability"
app_description = "投诉管理责任追究: channels, penalty scale, monthly cycle, appeals, notices and payroll"
app_email = "dev@complaint-accountability.local"
app_license = "MIT"
required_apps = ["frappe"]
