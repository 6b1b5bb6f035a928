const CASE_STATUS_COLOURS = {
	"Out of Scope": "gray",
	Exempt: "green",
	Accountable: "red",
	"Awaiting Outcome": "orange",
	Referred: "purple",
};

frappe.listview_settings["Complaint"] = {
	add_fields: ["case_status", "is_overdue"],
	get_indicator(doc) {
		if (doc.is_overdue) return [__("Past Time Limit"), "red", "is_overdue,=,1"];
		return [
			__(doc.case_status),
			CASE_STATUS_COLOURS[doc.case_status] || "gray",
			`case_status,=,${doc.case_status}`,
		];
	},
};
