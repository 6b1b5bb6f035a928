frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Receipts by Channel"] = {
	method: "complaint_accountability.complaint_accountability.dashboard_chart_source.receipts_by_channel.receipts_by_channel.get",
	filters: [
		{
			fieldname: "period",
			label: __("Accountability Period"),
			fieldtype: "Link",
			options: "Accountability Period",
		},
	],
};
