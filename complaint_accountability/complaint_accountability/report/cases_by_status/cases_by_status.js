// Cases by Status: each complaint's case status and why it is not charged, with a pie of the statuses.

frappe.query_reports["Cases by Status"] = {
	filters: [
		{
			fieldname: "period",
			label: __("Accountability Period"),
			fieldtype: "Link",
			options: "Accountability Period",
			description: __("Complaints whose latest receipt falls in this period"),
		},
		{
			fieldname: "institution",
			label: __("Handling Institution"),
			fieldtype: "Link",
			options: "Institution",
		},
	],
};
