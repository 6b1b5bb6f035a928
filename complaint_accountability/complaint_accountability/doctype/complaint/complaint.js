frappe.ui.form.on("Complaint", {
	refresh(frm) {
		show_time_limit(frm);
		if (!frm.is_new() && frm.doc.is_overdue && frappe.user.has_role(["Complaint Manager", "Accountability Committee"])) {
			frm.add_custom_button(__("Record Late Feedback Violation"), () => record_late_feedback(frm));
		}
	},
});

function show_time_limit(frm) {
	if (!frm.doc.handling_due_on) return;
	const due = frappe.datetime.str_to_user(frm.doc.handling_due_on);
	if (frm.doc.is_overdue) {
		frm.dashboard.set_headline_alert(__("Past its handling time limit ({0})", [due]), "red");
	} else if (!frm.doc.decided_on) {
		frm.dashboard.set_headline_alert(__("Decision due by {0}", [due]), "blue");
	}
}

function record_late_feedback(frm) {
	frappe.db.get_value("Handling Violation Type", { is_late_feedback: 1 }, "name").then(({ message }) => {
		frappe.new_doc("Responsibility Finding", {
			complaint: frm.doc.name,
			liability: "Handling Violation",
			violation_type: message && message.name,
		});
	});
}
