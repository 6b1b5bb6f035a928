// Complaint Indicators (投诉指标): the regulator's figures by institution, business line, dispute type or
// channel, with 环比 and 同比; the leading group opens a remediation where 亿元保费投诉量 rose.

frappe.query_reports["Complaint Indicators"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Start Date"),
			fieldtype: "Date",
			reqd: 1,
			default: last_quarter()[0],
		},
		{
			fieldname: "to_date",
			label: __("End Date"),
			fieldtype: "Date",
			reqd: 1,
			default: last_quarter()[1],
		},
		{
			fieldname: "group_by",
			label: __("Count By"),
			fieldtype: "Select",
			options: [
				{ value: "Institution", label: __("Institution") },
				{ value: "Business Line", label: __("Business Line") },
				{ value: "Dispute Type", label: __("Dispute Type") },
				{ value: "Channel", label: __("Complaint Channel") },
			],
			default: "Institution",
			reqd: 1,
		},
	],
	tree: true,
	name_field: "key",
	parent_field: "parent_group",
	initial_depth: 3,
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "remediation") {
			if (!data || !data.can_open_remediation) return "";
			return `<button class="btn btn-xs btn-default ca-open-remediation"
				data-institution="${frappe.utils.escape_html(data.key)}">${__("Open Remediation")}</button>`;
		}
		value = default_formatter(value, row, column, data);
		return data && data.is_total ? `<b>${value}</b>` : value;
	},
	onload(report) {
		$(report.page.wrapper).on("click", ".ca-open-remediation", (event) => {
			const institution = $(event.currentTarget).attr("data-institution");
			frappe
				.xcall(
					"complaint_accountability.complaint_accountability.doctype.remediation.remediation.make_from_indicators",
					{
						institution,
						from_date: report.get_filter_value("from_date"),
						to_date: report.get_filter_value("to_date"),
					}
				)
				.then((doc) => {
					frappe.model.sync(doc);
					frappe.set_route("Form", doc.doctype, doc.name);
				});
		});
	},
};

// The last whole calendar quarter, which the regulator's bulletins count.
function last_quarter() {
	const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
	const start = new Date(today.getFullYear(), Math.floor(today.getMonth() / 3) * 3 - 3, 1);
	const end = new Date(start.getFullYear(), start.getMonth() + 3, 0);
	return [frappe.datetime.obj_to_str(start), frappe.datetime.obj_to_str(end)];
}
