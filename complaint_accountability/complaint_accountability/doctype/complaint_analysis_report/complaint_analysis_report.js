// 投诉情况分析报告: the leading group makes (or makes again) the quarter's PDF.
frappe.ui.form.on("Complaint Analysis Report", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("Accountability Committee")) return;
		frm.add_custom_button(__("Generate Report"), () =>
			frappe
				.call({
					method: "complaint_accountability.complaint_accountability.doctype.complaint_analysis_report.complaint_analysis_report.generate",
					args: { name: frm.doc.name },
					freeze: true,
					freeze_message: __("Generating the report…"),
				})
				.then(({ message }) => {
					frm.reload_doc();
					frappe.show_alert({ message: __("Report generated"), indicator: "green" });
					window.open(message.file);
				})
		);
		if (frm.doc.file) {
			frm.add_custom_button(__("Open Report"), () => window.open(frm.doc.file));
		}
	},
});
