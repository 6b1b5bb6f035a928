frappe.ui.form.on("Complaint", {
	refresh(frm) {
		show_time_limit(frm);
		if (!frm.is_new() && frappe.model.can_write("Customer Contact")) {
			frm.add_custom_button(__("Customer Contact"), () => edit_customer_contact(frm));
		}
		if (
			!frm.is_new() &&
			frm.doc.is_overdue &&
			frappe.user.has_role(["Complaint Manager", "Accountability Committee"])
		) {
			frm.add_custom_button(__("Record Late Feedback Violation"), () =>
				record_late_feedback(frm)
			);
		}
		if (!frm.is_new() && frappe.user.has_role("Accountability Committee")) {
			frm.add_custom_button(__("Open Remediation"), () =>
				frappe.model.open_mapped_doc({
					method: "complaint_accountability.complaint_accountability.doctype.remediation.remediation.make_from_complaint",
					frm,
				})
			);
		}
	},
});

function show_time_limit(frm) {
	if (!frm.doc.handling_due_on) return;
	const due = frappe.datetime.str_to_user(frm.doc.handling_due_on, false, true);
	if (frm.doc.is_overdue) {
		frm.dashboard.set_headline_alert(__("Past its handling time limit ({0})", [due]), "red");
	} else if (!frm.doc.decided_on) {
		frm.dashboard.set_headline_alert(__("Decision due by {0}", [due]), "blue");
	}
}

function record_late_feedback(frm) {
	frappe.db
		.get_value("Handling Violation Type", { is_late_feedback: 1 }, "name")
		.then(({ message }) => {
			frappe.new_doc("Responsibility Finding", {
				complaint: frm.doc.name,
				liability: "Handling Violation",
				violation_type: message && message.name,
			});
		});
}

// The raw phone and ID number live in Customer Contact, which only the desk roles read; the
// complaint itself shows everyone the masked copies.
function edit_customer_contact(frm) {
	frappe.db
		.get_value("Customer Contact", frm.doc.name, ["customer_phone", "customer_id_number"])
		.then(({ message }) => {
			const values = message || {};
			const dialog = new frappe.ui.Dialog({
				title: __("Customer Contact"),
				fields: [
					{
						fieldname: "customer_phone",
						fieldtype: "Data",
						label: __("Customer Phone"),
						default: values.customer_phone,
					},
					{
						fieldname: "customer_id_number",
						fieldtype: "Data",
						label: __("Customer ID Number"),
						default: values.customer_id_number,
					},
				],
				primary_action_label: __("Save"),
				primary_action(data) {
					frappe
						.xcall(
							"complaint_accountability.complaint_accountability.doctype.customer_contact.customer_contact.save_contact",
							{ complaint: frm.doc.name, ...data }
						)
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
}
