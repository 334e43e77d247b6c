// Question: Where does a body sit: the bodies it is part of (up to the top) and the bodies that are part of it?
// Parameters: body (the organization's canonical name or an alias, e.g. 全国人大常委会).
MATCH (o:Organization) WHERE o.name = $body OR $body IN o.aliases
CALL {
  WITH o
  MATCH path = (o)-[:PART_OF*1..6]->(parent:Organization)
  RETURN 'parent' AS relation, parent.name AS other, length(path) AS distance
  UNION
  WITH o
  MATCH path = (o)<-[:PART_OF*1..6]-(child:Organization)
  RETURN 'child' AS relation, child.name AS other, length(path) AS distance
}
RETURN o.name AS body, relation, distance, other
ORDER BY relation DESC, distance, other
