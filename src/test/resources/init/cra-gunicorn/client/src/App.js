import { useEffect, useState } from 'react';

// In development, /api/… reaches the API through package.json's "proxy".
export default function App() {
  const [notes, setNotes] = useState([]);
  useEffect(() => {
    fetch('/api/notes').then((r) => r.json()).then(setNotes);
  }, []);
  return <ul>{notes.map((n) => <li key={n.id}>{n.text}</li>)}</ul>;
}
