// Question: Who attended an event, in which role (attendee, nonvoting, rostrum, guest)?
// Parameters: event (the event's canonical name or an alias, e.g. 十四届全国人大常委会第八次会议).
MATCH (x)-[r:ATTENDED]->(e:Event)
WHERE e.name = $event OR $event IN e.aliases
RETURN DISTINCT x.name AS attendee, labels(x)[0] AS type, r.role AS role
ORDER BY role, attendee
