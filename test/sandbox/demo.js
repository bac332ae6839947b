'use strict';

/** The demo data set of `npm run sandbox`: clients with tags, custom fields, comments, files and visits. */

const { rngFrom } = require('./util');
const { seedClients } = require('./state');
const { addComment, addFile, addVisit, addGoodsTransaction } = require('./activity');

const DAY = 86400000;

/**
 * What an edit must keep of a client and Altegio reads back in other shapes (tags as `labels` or not
 * shown, `sex_id`, `patronymic`, localised labels): for a test's client, `sb.addClient(loc, {name,
 * ...RICH_FIELDS})`.
 */
const RICH_FIELDS = Object.freeze({
	middle_name: 'May',
	gender_id: 2,
	importance_id: 3,
	categories: [1, 3],
	custom_fields: { source: 'Google' },
});

/** The demo data set used by `npm run sandbox` (seed.demo). */
function seedDemo(state, clock, clientsPerMain = 60) {
	const rng = rngFrom(state);
	const now = clock.now();
	const main = state.locations.find((l) => l.manageable) || state.locations[0];
	const second = state.locations.filter((l) => l.manageable)[1];
	const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
	const sources = ['Instagram', 'Walk-in', 'Referral', 'Google'];
	const clients = seedClients(state, clock, main.id, clientsPerMain, (i) => {
		const created = now - (clientsPerMain - i) * 3 * DAY - rng.int(0, 20) * 3600000;
		const o = {
			created_at: created,
			last_change_at: created + (rng.chance(0.3) ? rng.int(1, 40) * DAY : 0),
			gender_id: rng.int(0, 2),
			importance_id: rng.chance(0.3) ? rng.int(1, 3) : 0,
			categories: [1, 2, 3].filter(() => rng.chance(0.3)),
			has_mobile_app: rng.chance(0.25),
		};
		if (o.last_change_at > now) o.last_change_at = now;
		if (rng.chance(0.6)) {
			// Drawn in this order (year, month, day): the seeded data must not change.
			const year = rng.int(60, 99);
			const [month, day] = [rng.int(1, 12), rng.int(1, 28)].map((n) => String(n).padStart(2, '0'));
			o.birth_date = `19${year}-${month}-${day}`;
		}
		if (rng.chance(0.5)) o.custom_fields = { preferred_day: rng.pick(days), source: rng.pick(sources) };
		if (rng.chance(0.2)) o.discount = rng.pick([5, 10, 15]);
		if (rng.chance(0.2)) o.card = String(rng.int(100000, 999999));
		if (rng.chance(0.15)) o.comment = 'Prefers morning appointments';
		if (rng.chance(0.1)) o.email = '';
		return o;
	});
	if (second) seedClients(state, clock, second.id, Math.min(8, clientsPerMain));
	if (!clients.length) return;

	// comments and files
	for (const c of clients.slice(0, 6)) {
		const n = rng.int(1, 3);
		for (let k = 0; k < n; k++) {
			addComment(state, clock, main.id, c.id, {
				text: rng.pick([
					'Allergic to ammonia dyes',
					'Asked for a call back',
					'Likes green tea',
					'Booked via Instagram',
				]),
				create_date: now - rng.int(1, 200) * DAY,
			});
		}
	}
	const fileOwners = clients.slice(0, 2);
	addFile(state, clock, main.id, fileOwners[0].id, {
		name: 'consent-form.pdf',
		size: 98970,
		date_create: now - 30 * DAY,
	});
	addFile(state, clock, main.id, fileOwners[0].id, {
		name: 'before-photo.jpg',
		size: 523001,
		date_create: now - 20 * DAY,
	});
	if (fileOwners[1])
		addFile(state, clock, main.id, fileOwners[1].id, { name: 'notes.txt', size: 812, date_create: now - 10 * DAY });

	// visits and product sales for a few clients (~40 items)
	const plan = [
		[clients[0], 20, 4],
		[clients[1], 9, 2],
		[clients[2], 4, 1],
	];
	for (const [client, nVisits, nGoods] of plan) {
		if (!client) continue;
		const dates = [];
		for (let k = 0; k < nVisits; k++) {
			// one visit every nine days; every fifth date gets a second record the same evening
			const dayMs = now - (k * 9 + 2) * DAY;
			const d = new Date(dayMs);
			const date = d.toISOString().slice(0, 10);
			dates.push(date);
			const attendance = k === 0 ? 2 : rng.pick([1, 1, 1, 1, -1, 0]);
			const rec = addVisit(state, main.id, client.id, {
				date: `${date} ${String(rng.int(9, 18)).padStart(2, '0')}:00:00`,
				attendance,
			});
			if (k % 5 === 1)
				addVisit(state, main.id, client.id, { date: `${date} 19:30:00`, attendance, visit_id: rec.visit_id });
		}
		for (let k = 0; k < nGoods; k++) {
			addGoodsTransaction(state, main.id, client.id, { date: `${dates[(k * 3) % dates.length]} 20:00:00` });
		}
	}
}

module.exports = { seedDemo, RICH_FIELDS };
