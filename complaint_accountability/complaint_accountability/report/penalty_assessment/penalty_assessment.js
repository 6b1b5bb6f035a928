// Penalty Assessment (处罚考核表): a period's findings per institution, with a totals row.

frappe.query_reports["Penalty Assessment"] = {
	filters: [
		{
			fieldname: "period",
			label: __("Accountability Period"),
			fieldtype: "Link",
			options: "Accountability Period",
			reqd: 1,
		},
		{
			fieldname: "institution",
			label: __("Institution"),
			fieldtype: "Link",
			options: "Institution",
		},
		{
			fieldname: "liability",
			label: __("Liability"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Direct", label: __("Direct") },
				{ value: "Management", label: __("Management") },
				{ value: "Handling Violation", label: __("Handling Violation") },
			],
		},
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Person", label: __("By Person") },
				{ value: "Finding", label: __("By Finding") },
			],
			default: "Person",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		// The desk labels the totals row "Total" without translating it.
		return !data && formatted === "Total" ? __("Total") : formatted;
	},

	onload(report) {
		if (report.get_filter_value("period")) return;
		frappe.db
			.get_list("Accountability Period", {
				fields: ["name"],
				order_by: "name desc",
				limit: 1,
			})
			.then(
				(periods) => periods.length && report.set_filter_value("period", periods[0].name)
			);
	},
};
